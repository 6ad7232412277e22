package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git-clone → edit → git-commit → git-push against bare repositories on disk, checked with the git command. */
class GitStepsTest {

    private static final String KUSTOMIZATION = "apps/guestbook/dev/kustomization.yaml";

    @TempDir
    Path tmp;
    BareRepository remote;
    Promotions steps;

    @BeforeEach
    void setUp() throws Exception {
        remote = BareRepository.create(tmp.resolve("gitops.git"), Map.of(
                KUSTOMIZATION, "images:\n- name: guestbook\n  newTag: v1\n",
                "README.md", "gitops\n"));
        steps = new Promotions(tmp.resolve("cache"));
    }

    private StepResult cloneMain(StepContext context) throws Exception {
        return steps.clone.run(context, config("""
                repoURL: %s
                author: {name: Kargo Bot, email: bot@example.com}
                checkout: [{branch: main, path: ./out}]
                """.formatted(remote.directory())));
    }

    private StepResult commit(StepContext context, String message) {
        return steps.commit.run(context, config("{path: ./out, message: '" + message + "'}"));
    }

    private StepResult push(StepContext context) throws Exception {
        return steps.push.run(context, config("{path: ./out}"));
    }

    /** As a file step does: resolving the path writes the file from the lazy checkout, then it is edited. */
    private static void setTag(StepContext context, String tag) throws Exception {
        Files.writeString(file(context, "out/" + KUSTOMIZATION), "images:\n- name: guestbook\n  newTag: " + tag + "\n");
    }

    private static Path file(StepContext context, String path) throws Exception {
        return WorkDirPath.resolve(context.workDir(), "path", path);
    }

    @Test
    void promotionCommitsOnceWithTheConfiguredAuthorAndPushes() throws Exception {
        StepContext context = context(tmp, "p1");
        StepResult cloned = cloneMain(context);
        assertThat(cloned.status()).as(cloned.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(cloned.output()).isEqualTo(Map.of("commits", Map.of("./out", remote.head("main"))));

        setTag(context, "v2");
        StepResult committed = commit(context, "promote guestbook v2");
        assertThat(committed.status()).as(committed.message()).isEqualTo(StepStatus.Succeeded);
        StepResult pushed = push(context);

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(pushed.output()).isEqualTo(Map.of("commit", remote.head("main"), "branch", "main"));
        assertThat(committed.output().get("commit")).isEqualTo(remote.head("main"));
        assertThat(remote.subjects("main")).containsExactly("promote guestbook v2", "initial");
        assertThat(remote.show("main", KUSTOMIZATION)).contains("newTag: v2");
        assertThat(BareRepository.git(remote.directory(), "log", "-1", "--format=%an <%ae>|%cn", "main").strip())
                .isEqualTo("Kargo Bot <bot@example.com>|Kargo Bot");
    }

    @Test
    void aLocalRepositorysPreReceiveHookIsRunAndItsRefusalFailsThePush() throws Exception {
        Path hook = remote.directory().resolve("hooks/pre-receive");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\necho 'pushes to this repository are frozen' >&2\nexit 1\n");
        hook.toFile().setExecutable(true);
        String before = remote.head("main");
        StepContext context = context(tmp, "p1");
        cloneMain(context);
        setTag(context, "v2");
        commit(context, "promote guestbook v2");

        StepResult pushed = push(context);

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Errored);
        assertThat(pushed.message()).isEqualTo("git-push: could not push ./out: the server refused the push to main:"
                + " REJECTED_OTHER_REASON (pre-receive hook declined)");
        assertThat(remote.head("main")).isEqualTo(before);
    }

    @Test
    void aBloblessCloneIsAcceptedAndChecksOutTheSame() throws Exception {
        StepContext context = context(tmp, "p1");

        StepResult cloned = steps.clone.run(context, config("""
                repoURL: %s
                blobless: true
                checkout: [{branch: main, path: ./out}]
                """.formatted(remote.directory())));

        assertThat(cloned.status()).as(cloned.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(Files.readString(file(context, "out/" + KUSTOMIZATION))).contains("newTag: v1");
    }

    @Test
    void nothingChangedMakesNoCommitAndSaysSo() throws Exception {
        StepContext context = context(tmp, "p1");
        cloneMain(context);
        setTag(context, "v1");

        StepResult committed = commit(context, "promote guestbook v1");
        StepResult pushed = push(context);

        assertThat(committed.status()).isEqualTo(StepStatus.Skipped);
        assertThat(committed.message()).startsWith("nothing to commit");
        assertThat(committed.output()).isEqualTo(Map.of("commit", remote.head("main")));
        assertThat(pushed.status()).isEqualTo(StepStatus.Succeeded);
        assertThat(pushed.message()).startsWith("nothing to push");
        assertThat(remote.subjects("main")).containsExactly("initial");
    }

    @Test
    void rejectedPushIsRebasedOntoTheOtherPushAndRetried() throws Exception {
        StepContext context = context(tmp, "p1");
        cloneMain(context);
        setTag(context, "v2");
        commit(context, "promote guestbook v2");
        String theirs = remote.pushFromElsewhere(tmp, "apps/other/values.yaml", "replicas: 3\n", "someone else's change");

        StepResult pushed = push(context);

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("main")).containsExactly("promote guestbook v2", "someone else's change", "initial");
        assertThat(BareRepository.git(remote.directory(), "rev-parse", "main^").strip()).isEqualTo(theirs);
        assertThat(pushed.output().get("commit")).isEqualTo(remote.head("main"));
        assertThat(remote.show("main", KUSTOMIZATION)).contains("newTag: v2");
        assertThat(remote.show("main", "apps/other/values.yaml")).isEqualTo("replicas: 3\n");
        assertThat(Files.readString(file(context, "out/apps/other/values.yaml")))
                .as("the working tree follows the rebase").isEqualTo("replicas: 3\n");
    }

    @Test
    void bothChangingOneFileInDifferentLinesIsMergedLineByLine() throws Exception {
        StepContext context = context(tmp, "p1");
        cloneMain(context);
        Files.writeString(file(context, "out/" + KUSTOMIZATION), "images:\n- name: guestbook\n  newTag: v2\n");
        commit(context, "promote guestbook v2");
        remote.pushFromElsewhere(tmp, KUSTOMIZATION, "# owned by team a\nimages:\n- name: guestbook\n  newTag: v1\n",
                "a comment");

        StepResult pushed = push(context);

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("main")).containsExactly("promote guestbook v2", "a comment", "initial");
        assertThat(remote.show("main", KUSTOMIZATION))
                .isEqualTo("# owned by team a\nimages:\n- name: guestbook\n  newTag: v2\n");
    }

    @Test
    void changeAlreadyInTheBranchLandsNoEmptyCommit() throws Exception {
        StepContext context = context(tmp, "p1");
        cloneMain(context);
        setTag(context, "v2");
        commit(context, "promote guestbook v2");
        String theirs = remote.pushFromElsewhere(tmp, KUSTOMIZATION, "images:\n- name: guestbook\n  newTag: v2\n",
                "the same promotion, by someone else");

        StepResult pushed = push(context);

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(pushed.message()).startsWith("nothing to push").contains("1 commit(s) already in the branch dropped");
        assertThat(pushed.output()).isEqualTo(Map.of("commit", theirs, "branch", "main"));
        assertThat(remote.subjects("main")).containsExactly("the same promotion, by someone else", "initial");
    }

    @Test
    void conflictingChangeFailsWithoutPushing() throws Exception {
        StepContext context = context(tmp, "p1");
        cloneMain(context);
        setTag(context, "v2");
        commit(context, "promote guestbook v2");
        String theirs = remote.pushFromElsewhere(tmp, KUSTOMIZATION, "images:\n- name: guestbook\n  newTag: v3\n", "v3");

        StepResult pushed = push(context);

        assertThat(pushed.status()).isEqualTo(StepStatus.Failed);
        assertThat(pushed.message()).contains("conflicts with the branch in " + KUSTOMIZATION);
        assertThat(remote.head("main")).isEqualTo(theirs);
    }

    @Test
    void checksOutTagsAndCommitsAndPushesThemToATargetBranch() throws Exception {
        String initial = remote.head("main");
        BareRepository.git(remote.directory(), "tag", "v1.0.0", initial);
        remote.pushFromElsewhere(tmp, "later.txt", "later\n", "later");
        StepContext context = context(tmp, "p1");

        StepResult cloned = steps.clone.run(context, config("""
                repoURL: %s
                checkout:
                - {tag: v1.0.0, path: ./tagged, as: release}
                - {commit: %s, path: ./pinned}
                """.formatted(remote.directory(), initial)));

        assertThat(cloned.status()).as(cloned.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(cloned.output()).isEqualTo(Map.of("commits", Map.of("release", initial, "./pinned", initial)));
        assertThat(file(context, "tagged/later.txt")).doesNotExist();
        Files.writeString(context.workDir().resolve("pinned/hotfix.txt"), "fix\n");
        steps.commit.run(context, config("{path: ./pinned, message: hotfix}"));
        StepResult pushed = steps.push.run(context, config("{path: ./pinned, targetBranch: hotfix}"));
        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("hotfix")).containsExactly("hotfix", "initial");

        StepResult detached = steps.push.run(context, config("{path: ./tagged}"));
        assertThat(detached.status()).isEqualTo(StepStatus.Errored);
        assertThat(detached.message()).contains("HEAD is not on a branch").contains("targetBranch");
    }

    @Test
    void missingBranchNeedsCreateAndIsThenStartedEmpty() throws Exception {
        StepContext context = context(tmp, "p1");
        StepResult refused = steps.clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: stage/dev, path: ./out}]
                """.formatted(remote.directory())));
        assertThat(refused.status()).isEqualTo(StepStatus.Errored);
        assertThat(refused.message()).contains("branch stage/dev does not exist").contains("create: true");

        StepContext second = context(tmp, "p2");
        StepResult created = steps.clone.run(second, config("""
                repoURL: %s
                checkout: [{branch: stage/dev, create: true, path: ./out}]
                """.formatted(remote.directory())));
        assertThat(created.status()).as(created.message()).isEqualTo(StepStatus.Succeeded);
        Files.writeString(second.workDir().resolve("out/manifest.yaml"), "kind: ConfigMap\n");
        commit(second, "rendered");
        assertThat(push(second).status()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("stage/dev")).containsExactly("rendered");
        assertThat(BareRepository.git(remote.directory(), "ls-tree", "--name-only", "stage/dev").strip()).isEqualTo("manifest.yaml");
    }

    @Test
    void generatedTargetBranchIsNamedAfterThePromotion() throws Exception {
        StepContext context = context(tmp, "dev.01j2.abc");
        cloneMain(context);
        setTag(context, "v2");
        commit(context, "promote");

        StepResult pushed = steps.push.run(context, config("{path: ./out, generateTargetBranch: true}"));

        assertThat(pushed.output()).containsEntry("branch", "kargo/promotion/dev.01j2.abc");
        assertThat(remote.head("kargo/promotion/dev.01j2.abc")).isEqualTo(pushed.output().get("commit"));
        assertThat(remote.subjects("main")).containsExactly("initial");
    }

    @Test
    void pathsOutsideTheWorkingDirectoryAreRefused() throws Exception {
        StepContext context = context(tmp, "p1");
        StepResult up = steps.clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: main, path: ../elsewhere}]
                """.formatted(remote.directory())));
        StepResult absolute = steps.commit.run(context, config("{path: /etc, message: x}"));

        assertThat(up.status()).isEqualTo(StepStatus.Errored);
        assertThat(up.message()).contains("checkout[0].path").contains("leaves the promotion's working directory");
        assertThat(tmp.resolve("elsewhere")).doesNotExist();
        assertThat(absolute.status()).isEqualTo(StepStatus.Errored);
        assertThat(absolute.message()).contains("config.path is '").contains("which is absolute");
    }

    @Test
    void configErrorsNameTheField() throws Exception {
        StepContext context = context(tmp, "p1");

        StepResult typo = steps.push.run(context, config("{path: ./out, maxAtempts: 3}"));
        StepResult noCheckout = steps.clone.run(context, config("{repoURL: x, checkout: []}"));
        StepResult both = steps.clone.run(context, config("{repoURL: x, checkout: [{branch: a, tag: b, path: p}]}"));
        StepResult type = steps.clone.run(context, config("{repoURL: x, insecureSkipTLSVerify: maybe, checkout: [{path: p}]}"));

        assertThat(typo.message()).isEqualTo("git-push: config.maxAtempts is not a field of git-push; the fields are "
                + "force, generateTargetBranch, maxAttempts, path, tag, targetBranch");
        assertThat(noCheckout.message()).isEqualTo("git-clone: config.checkout is required; list at least one entry, "
                + "e.g. [{branch: main, path: ./out}]");
        assertThat(both.message()).isEqualTo("git-clone: config.checkout[0] sets more than one of branch, commit and tag; "
                + "set only one");
        assertThat(type.message()).isEqualTo("git-clone: config.insecureSkipTLSVerify must be true or false, not 'maybe'");
        assertThat(java.util.List.of(typo, noCheckout, both, type)).extracting(StepResult::status).containsOnly(StepStatus.Errored);
    }

    @Test
    void credentialsAreHandedToGitButNeverWrittenDown() throws Exception {
        StepContext context = context(tmp, "p1", (url, kind) -> Optional.of(new Credentials.UsernamePassword("robot", "s3cr3t-pw")));
        cloneMain(context);
        setTag(context, "v2");
        commit(context, "promote");
        StepResult pushed = push(context);

        assertThat(pushed.status()).isEqualTo(StepStatus.Succeeded);
        for (Path config : new Path[] {context.workDir().resolve("out/.git/config"), steps.cache.directoryOf(remote.directory().toString()).resolve("config")}) {
            assertThat(Files.readString(config)).doesNotContain("s3cr3t-pw").contains("url = " + remote.directory());
        }
    }
}
