package io.jenkins.plugins.kargo.promotion.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees edited along their paths, checked against the trees the git command lists. */
class TreeEditTest {

    @TempDir
    Path tmp;
    BareRepository remote;

    @BeforeEach
    void setUp() throws Exception {
        remote = BareRepository.create(tmp.resolve("r.git"), Map.of(
                "apps/a/dev/k.yaml", "a dev\n",
                "apps/a/prod/k.yaml", "a prod\n",
                "apps/a-b/k.yaml", "a-b\n",
                "apps/a.txt", "file sorting between a and a-b/a.b\n",
                "README.md", "readme\n"));
    }

    private String edit(TreeEdit.Change... changes) throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(remote.directory().toFile()).setMustExist(true).build();
             ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
            ObjectId tree = TreeEdit.apply(reader, inserter, repo.resolve("main^{tree}"), List.of(changes));
            inserter.flush();
            return tree.name();
        }
    }

    private ObjectId blob(String content) throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(remote.directory().toFile()).setMustExist(true).build();
             ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            inserter.flush();
            return id;
        }
    }

    private String rev(String object) throws Exception {
        return BareRepository.git(remote.directory(), "rev-parse", object).strip();
    }

    private String files(String tree) throws Exception {
        return BareRepository.git(remote.directory(), "ls-tree", "-r", "--name-only", tree);
    }

    @Test
    void changesAddsAndDeletesOnlyTheNamedPathsInGitsOrder() throws Exception {
        ObjectId changed = blob("a dev v2\n");
        ObjectId added = blob("new\n");
        String tree = edit(new TreeEdit.Change("apps/a/dev/k.yaml", FileMode.REGULAR_FILE, changed),
                new TreeEdit.Change("apps/a/uat/k.yaml", FileMode.EXECUTABLE_FILE, added),
                TreeEdit.Change.delete("README.md"));

        // fsck checks every object, the new trees among them, for git's order of entries
        assertThat(BareRepository.git(remote.directory(), "fsck", "--strict", "--no-dangling").strip()).isEmpty();
        // git's order: "a-b" < "a.txt" < "a/" (a tree sorts as if its name ended in '/')
        assertThat(BareRepository.git(remote.directory(), "ls-tree", "-r", tree)).isEqualTo(String.join("",
                "100644 blob " + rev("main:apps/a-b/k.yaml") + "\tapps/a-b/k.yaml\n",
                "100644 blob " + rev("main:apps/a.txt") + "\tapps/a.txt\n",
                "100644 blob " + changed.name() + "\tapps/a/dev/k.yaml\n",
                "100644 blob " + rev("main:apps/a/prod/k.yaml") + "\tapps/a/prod/k.yaml\n",
                "100755 blob " + added.name() + "\tapps/a/uat/k.yaml\n"));
    }

    @Test
    void aDirectoryLeftEmptyDisappearsAndAnUnchangedTreeKeepsItsId() throws Exception {
        String tree = edit(TreeEdit.Change.delete("apps/a/dev/k.yaml"), TreeEdit.Change.delete("apps/a/prod/k.yaml"));
        assertThat(files(tree)).isEqualTo("README.md\napps/a-b/k.yaml\napps/a.txt\n");

        String same = edit(new TreeEdit.Change("README.md", FileMode.REGULAR_FILE, blob("readme\n")));
        assertThat(same).isEqualTo(rev("main^{tree}"));
    }

    @Test
    void aFileWhereADirectoryIsOrTheOtherWayRoundIsAConflict() {
        assertThatThrownBy(() -> edit(new TreeEdit.Change("apps/a", FileMode.REGULAR_FILE, ObjectId.zeroId())))
                .isInstanceOf(TreeEdit.PathConflict.class).hasMessage("apps/a");
        assertThatThrownBy(() -> edit(new TreeEdit.Change("README.md/x", FileMode.REGULAR_FILE, ObjectId.zeroId())))
                .isInstanceOf(TreeEdit.PathConflict.class).hasMessage("README.md");
    }
}
