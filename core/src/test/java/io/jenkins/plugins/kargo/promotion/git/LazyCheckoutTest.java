package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git steps' lazy checkout: files are written when a step names them, and a commit is built in the object
 * database from what is on disk on top of the index. Checked with the git command.
 */
class LazyCheckoutTest {

    @TempDir
    Path tmp;
    BareRepository remote;
    Promotions steps;
    StepContext context;

    @BeforeEach
    void setUp() throws Exception {
        remote = BareRepository.create(tmp.resolve("gitops.git"), Map.of(
                "apps/guestbook/dev/kustomization.yaml", "images: []\n",
                "apps/guestbook/dev/values.yaml", "replicas: 1\n",
                "apps/other/prod/kustomization.yaml", "images: []\n",
                ".gitignore", "*.tmp\nbuild/\n"));
        BareRepository seed = remote;
        Path work = Files.createTempDirectory(tmp, "modes");
        BareRepository.git(tmp, "clone", "-q", seed.directory().toString(), work.toString());
        Files.writeString(work.resolve("deploy.sh"), "#!/bin/sh\necho deploy\n");
        Files.setPosixFilePermissions(work.resolve("deploy.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        BareRepository.git(work, "add", "deploy.sh");
        Files.createSymbolicLink(work.resolve("current"), Path.of("apps/guestbook/dev"));
        BareRepository.git(work, "add", "current");
        BareRepository.git(work, "commit", "-q", "-m", "script and link");
        BareRepository.git(work, "push", "-q", "origin", "main");
        steps = new Promotions(tmp.resolve("cache"));
        context = context(tmp.resolve("work"), "p1");
        StepResult cloned = steps.clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: main, path: ./out}]
                """.formatted(remote.directory())));
        assertThat(cloned.status()).as(cloned.message()).isEqualTo(StepStatus.Succeeded);
    }

    private Path out() {
        return context.workDir().resolve("out");
    }

    private Path resolve(String path) throws Exception {
        return WorkDirPath.resolve(context.workDir(), "path", path);
    }

    private List<String> filesOnDisk() throws Exception {
        try (Stream<Path> files = Files.walk(out())) {
            return files.filter(p -> !p.startsWith(out().resolve(".git")) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> out().relativize(p).toString()).sorted().toList();
        }
    }

    private StepResult commitAndPush(String message) throws Exception {
        StepResult committed = steps.commit.run(context, config("{path: ./out, message: '" + message + "'}"));
        StepResult pushed = steps.push.run(context, config("{path: ./out}"));
        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        return committed;
    }

    @Test
    void checkoutWritesNoFileUntilAStepNamesItAndGitSeesACleanTree() throws Exception {
        assertThat(filesOnDisk()).isEmpty();
        assertThat(BareRepository.git(out(), "status", "--porcelain").strip()).isEmpty();
        assertThat(BareRepository.git(out(), "ls-files").lines().toList()).hasSize(6);

        Path dev = resolve("out/apps/guestbook/dev");
        resolve("out/deploy.sh");
        resolve("out/current");

        assertThat(filesOnDisk()).containsExactly("apps/guestbook/dev/kustomization.yaml", "apps/guestbook/dev/values.yaml",
                "current", "deploy.sh");
        assertThat(Files.readString(dev.resolve("values.yaml"))).isEqualTo("replicas: 1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out().resolve("deploy.sh")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dev.resolve("values.yaml")))).doesNotContain("x");
        assertThat(Files.readSymbolicLink(out().resolve("current"))).isEqualTo(Path.of("apps/guestbook/dev"));
        assertThat(BareRepository.git(out(), "status", "--porcelain").strip()).as("written files match the index").isEmpty();
    }

    @Test
    void commitRecordsChangedCreatedAndDeletedFilesAndKeepsEveryOtherFile() throws Exception {
        Files.writeString(resolve("out/apps/guestbook/dev/values.yaml"), "replicas: 3\n");
        Files.delete(resolve("out/apps/guestbook/dev/kustomization.yaml"));
        resolve("out/deploy.sh");
        resolve("out/current");
        Files.createDirectories(out().resolve("apps/new"));
        Files.writeString(out().resolve("apps/new/values.yaml"), "replicas: 2\n");

        StepResult committed = commitAndPush("edit");

        assertThat(committed.status()).as(committed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(BareRepository.git(remote.directory(), "ls-tree", "-r", "--format=%(objectmode) %(path)", "main").lines())
                .containsExactly("100644 .gitignore", "100644 apps/guestbook/dev/values.yaml",
                        "100644 apps/new/values.yaml", "100644 apps/other/prod/kustomization.yaml",
                        "120000 current", "100755 deploy.sh");
        assertThat(remote.show("main", "apps/guestbook/dev/values.yaml")).isEqualTo("replicas: 3\n");
        assertThat(remote.show("main", "apps/other/prod/kustomization.yaml")).isEqualTo("images: []\n");
        assertThat(BareRepository.git(out(), "status", "--porcelain").strip()).isEmpty();
    }

    @Test
    void newFilesTheRepositoryIgnoresAreNotCommittedAsGitAddAllWouldNot() throws Exception {
        Files.writeString(out().resolve("scratch.tmp"), "x\n");
        Files.createDirectories(out().resolve("build"));
        Files.writeString(out().resolve("build/manifest.yaml"), "kind: ConfigMap\n");
        Files.writeString(out().resolve("kept.yaml"), "kind: ConfigMap\n");

        commitAndPush("render");

        assertThat(BareRepository.git(remote.directory(), "ls-tree", "-r", "--name-only", "main").lines())
                .contains("kept.yaml").doesNotContain("scratch.tmp", "build/manifest.yaml");
    }

    @Test
    void writtenFilesThatWereNotChangedMakeNoCommit() throws Exception {
        resolve("out");

        StepResult committed = steps.commit.run(context, config("{path: ./out, message: nothing}"));

        assertThat(filesOnDisk()).hasSize(6);
        assertThat(committed.status()).as(committed.message()).isEqualTo(StepStatus.Skipped);
        assertThat(remote.subjects("main")).containsExactly("script and link", "initial");
    }
}
