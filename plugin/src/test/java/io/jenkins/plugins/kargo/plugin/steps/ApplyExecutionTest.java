package io.jenkins.plugins.kargo.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.kargo.plugin.config.GitProjectSource;
import io.jenkins.plugins.kargo.plugin.testing.FakeBuild;
import io.jenkins.plugins.kargo.plugin.testing.FakeDelivery;
import io.jenkins.plugins.kargo.plugin.testing.FakeStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kargoApply hands the workspace's YAML to the engine and reports what it stored, with the workspace's paths. */
class ApplyExecutionTest {

    @TempDir
    Path workspace;

    private FakeStepContext context;

    @BeforeEach
    void setUp() throws Exception {
        FakeDelivery.reset();
        new FakeBuild(4, "alice");
        context = new FakeStepContext().with(FilePath.class, new FilePath(workspace.toFile()));
        Files.createDirectories(workspace.resolve("kargo/stages"));
        Files.writeString(workspace.resolve("kargo/project.yaml"), "kind: Project\n");
        Files.writeString(workspace.resolve("kargo/stages/uat.yaml"), "kind: Stage\n");
        Files.writeString(workspace.resolve("kargo/README.md"), "not YAML\n");
    }

    private ApplyExecution execution(String path) {
        return ApplyExecution.fromWorkspace(context, path, FakeDelivery.SOURCE, FakeBuild.Access.CURRENT);
    }

    @Test
    void appliesTheYamlOfTheWorkspaceAndPrintsWarningsWithItsPaths() throws Exception {
        assertThat(execution("kargo").start()).isFalse();

        assertThat(context.end().get(30, TimeUnit.SECONDS)).isEqualTo(List.of("myapp"));
        assertThat(FakeDelivery.calls()).containsExactly("apply [project.yaml, stages/uat.yaml] as alice");
        assertThat(context.listener().text()).contains("Kargo: warning: kargo/stages/uat.yaml:9: warning: the range",
                "Kargo: applied myapp from kargo");
    }

    @Test
    void problemsFailTheStepNamingTheFileInTheWorkspace() throws Exception {
        Files.writeString(workspace.resolve("kargo/invalid.yaml"), "kind: Warehouse\n");
        execution("kargo").start();

        try {
            context.end().get(30, TimeUnit.SECONDS);
            throw new AssertionError("applied");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(AbortException.class)
                    .hasMessageContaining("kargo/invalid.yaml:2: spec.subscriptions is required; fix: add");
        }
    }

    @Test
    void aMissingPathSaysWhatToDo() throws Exception {
        execution("deploy/kargo").start();

        try {
            context.end().get(30, TimeUnit.SECONDS);
            throw new AssertionError("applied");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).hasMessageContaining("no deploy/kargo in the workspace")
                    .hasMessageContaining("kargoApply(path: 'DIR')");
        }
        assertThat(FakeDelivery.calls()).isEmpty();
    }

    private static GitProjectSource source(String branch) {
        GitProjectSource source = new GitProjectSource("https://git.example.com/platform/kargo-config.git");
        source.setBranch(branch);
        source.setPath("");
        source.setCredentialsId("config-repo");
        return source;
    }

    @Test
    void fromTheGitProjectSourceItNeedsNoWorkspace() throws Exception {
        FakeStepContext noNode = new FakeStepContext();
        ApplyExecution.fromGit(noNode, source("release"), FakeDelivery.SOURCE, FakeBuild.Access.CURRENT).start();

        assertThat(noNode.end().get(30, TimeUnit.SECONDS)).isEqualTo(List.of("myapp"));
        assertThat(FakeDelivery.calls()).containsExactly(
                "apply https://git.example.com/platform/kargo-config.git@release:kargo as alice");
        assertThat(noNode.listener().text()).contains("Kargo: applied myapp from kargo on branch release of the "
                + "project source");
    }

    @Test
    void theGitProjectSourcesProblemsFailTheStepNamingTheFileInTheRepository() throws Exception {
        FakeStepContext noNode = new FakeStepContext();
        ApplyExecution.fromGit(noNode, source("broken"), FakeDelivery.SOURCE, FakeBuild.Access.CURRENT).start();

        try {
            noNode.end().get(30, TimeUnit.SECONDS);
            throw new AssertionError("applied");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(AbortException.class).hasMessageContaining(
                    "kargo-config.git@broken:kargo/warehouse.yaml:1: missing required field 'spec'");
        }
    }

    @Test
    void theProjectSourceIsAGitCredentialBindingForItsRepository() {
        assertThat(source("main").binding()).hasValueSatisfying(b -> assertThat(b.toString())
                .isEqualTo("git https://git.example.com/platform/kargo-config.git -> config-repo"));
        assertThat(new GitProjectSource("https://git.example.com/x.git").binding()).isEmpty();
    }

    @Test
    void outsideNodeTheWorkspaceSourceSaysWhatToDo() throws Exception {
        FakeStepContext noNode = new FakeStepContext();
        ApplyExecution.fromWorkspace(noNode, "kargo", FakeDelivery.SOURCE, FakeBuild.Access.CURRENT).start();

        try {
            noNode.end().get(30, TimeUnit.SECONDS);
            throw new AssertionError("applied");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).hasMessageContaining("run it inside node")
                    .hasMessageContaining("kargoApply(source: 'git')");
        }
    }
}
