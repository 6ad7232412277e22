package io.jenkins.plugins.kargo.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.plugin.config.KargoConfiguration;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart while kargoPromote waits on its gate: the input is shown again and approving it promotes. */
class KargoRestartJenkinsTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path dir;

    @Test
    void aWaitingGateSurvivesARestart() throws Throwable {
        BareGitRepository app = BareGitRepository.create(Files.createDirectories(dir.resolve("repos")), "app.git");
        app.commit("v1", Instant.parse("2026-11-01T10:00:00Z"), Map.of("VERSION", "1.0.0"));
        app.tag("v1.0.0");
        Path yaml = dir.resolve("shop.yaml");
        String shop = """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata: {name: shop}
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata: {name: app, namespace: shop}
                spec:
                  subscriptions:
                    - git: {repoURL: "%s", commitSelectionStrategy: SemVer}
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata: {name: uat, namespace: shop}
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: app}
                      sources: {direct: true}
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: http
                          config: {url: "%slogin"}
                """;
        sessions.then(j -> {
            Files.writeString(yaml, shop.formatted(app.fileUrl(), j.getURL()));
            KargoConfiguration.get().setStateDirectory(dir.resolve("state").toString());
            WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "deliver");
            p.setDefinition(new CpsFlowDefinition("""
                    node { writeFile file: 'kargo/shop.yaml', text: readFile('%s'); kargoApply() }
                    kargoDiscover project: 'shop'
                    kargoPromote project: 'shop', stage: 'uat', latest: true
                    echo 'promoted after the restart'
                    """.formatted(yaml.toString().replace("\\", "/")), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("Promote the newest available Freight into stage uat", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("deliver", WorkflowJob.class).getBuildByNumber(1);
            j.waitForMessage("still waiting for a decision on stage uat after a restart", b);
            InputAction inputs = b.getAction(InputAction.class);
            assertThat(inputs.getExecution("Kargo-shop-uat")).as("the input is shown again").isNotNull();
            inputs.getExecution("Kargo-shop-uat").proceed(Map.of("approver", "admin"));
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("promoted after the restart", b);
        });
    }
}
