package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git-tag, git-push of a tag and a forced git-push, against a bare repository checked with the git command. */
class GitTagAndForcePushTest {

    @TempDir
    Path tmp;
    BareRepository remote;
    Promotions steps;
    final GitTagStep tag = new GitTagStep();

    @BeforeEach
    void setUp() throws Exception {
        remote = BareRepository.create(tmp.resolve("gitops.git"), Map.of("app/values.yaml", "tag: v1\n"));
        steps = new Promotions(tmp.resolve("cache"));
    }

    private StepContext cloned(String promotion) throws Exception {
        StepContext context = context(tmp, promotion);
        StepResult result = steps.clone.run(context, config("""
                repoURL: %s
                author: {name: Release Bot, email: release@example.com}
                checkout: [{branch: main, path: ./out}]
                """.formatted(remote.directory())));
        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        return context;
    }

    private static void edit(StepContext context, String text) throws Exception {
        Files.writeString(WorkDirPath.resolve(context.workDir(), "path", "out/app/values.yaml"), text);
    }

    @Test
    void anAnnotatedTagOnHeadIsPushedAsItIs() throws Exception {
        StepContext context = cloned("p1");
        edit(context, "tag: v2\n");
        steps.commit.run(context, config("{path: ./out, message: promote v2}"));

        StepResult tagged = tag.run(context, config("{path: ./out, tag: release-v2, message: Release v2}"));
        StepResult pushed = steps.push.run(context, config("{path: ./out, tag: release-v2}"));

        assertThat(tagged.status()).as(tagged.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        String head = BareRepository.git(tmp.resolve("p1/out"), "rev-parse", "HEAD").strip();
        assertThat(tagged.output()).isEqualTo(Map.of("commit", head));
        assertThat(pushed.output()).isEqualTo(Map.of("commit", head, "branch", "main"));
        // annotated, on the commit, by the working tree's author; the branch itself was not pushed
        assertThat(BareRepository.git(remote.directory(), "cat-file", "-t", "release-v2").strip()).isEqualTo("tag");
        assertThat(BareRepository.git(remote.directory(), "rev-parse", "release-v2^{commit}").strip()).isEqualTo(head);
        assertThat(BareRepository.git(remote.directory(), "for-each-ref", "--format=%(taggername)|%(contents:subject)",
                "refs/tags/release-v2").strip()).isEqualTo("Release Bot|Release v2");
        assertThat(remote.subjects("main")).containsExactly("initial");
    }

    @Test
    void anExistingTagIsKeptUnlessForcedAndARemoteTagIsNeverOverwritten() throws Exception {
        StepContext first = cloned("p1");
        tag.run(first, config("{path: ./out, tag: v1, message: first}"));
        steps.push.run(first, config("{path: ./out, tag: v1}"));
        edit(first, "tag: v2\n");
        steps.commit.run(first, config("{path: ./out, message: promote v2}"));

        StepResult again = tag.run(first, config("{path: ./out, tag: v1, message: second}"));
        StepResult forced = tag.run(first, config("{path: ./out, tag: v1, message: second, force: true}"));
        StepResult pushed = steps.push.run(first, config("{path: ./out, tag: v1}"));

        assertThat(again.status()).isEqualTo(StepStatus.Errored);
        assertThat(again.message()).contains("tag v1 already exists").contains("force: true");
        assertThat(forced.status()).as(forced.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(pushed.status()).isEqualTo(StepStatus.Errored);
        assertThat(pushed.message()).contains("refused tag v1");
        assertThat(BareRepository.git(remote.directory(), "for-each-ref", "--format=%(contents:subject)",
                "refs/tags/v1").strip()).isEqualTo("first");
    }

    @Test
    void aForcedPushReplacesTheBranchWithoutTakingTheOtherChange() throws Exception {
        StepContext context = cloned("p1");
        edit(context, "tag: v2\n");
        steps.commit.run(context, config("{path: ./out, message: rendered v2}"));
        remote.pushFromElsewhere(tmp, "app/other.yaml", "x: 1\n", "someone else's change");

        StepResult pushed = steps.push.run(context, config("{path: ./out, force: true}"));

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("main")).containsExactly("rendered v2", "initial");
        assertThat(remote.show("main", "app/values.yaml")).isEqualTo("tag: v2\n");
    }

    @Test
    void aTagWithABranchOrWithForceIsRefusedByName() throws Exception {
        StepContext context = context(tmp, "p1");

        StepResult withBranch = steps.push.run(context, config("{path: ./out, tag: v1, targetBranch: main}"));
        StepResult withForce = steps.push.run(context, config("{path: ./out, tag: v1, force: true}"));
        StepResult noMessage = tag.run(context, config("{path: ./out, tag: v1}"));

        assertThat(withBranch.message()).contains("config.tag is set with a branch to push to");
        assertThat(withForce.message()).contains("config.force is set with a tag");
        assertThat(noMessage.message()).contains("config.message is required");
    }
}
