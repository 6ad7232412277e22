package io.jenkins.plugins.kargo.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import io.jenkins.plugins.kargo.plugin.config.KargoConfiguration;
import io.jenkins.plugins.kargo.plugin.credentials.CredentialBinding;
import io.jenkins.plugins.kargo.plugin.history.PromotionAction;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What only a running Jenkins shows (the real build only): the steps are registered under their names, survive the
 * snippet generator's round trip, and drive a gated stage through a real {@code input}, approved and rejected. The
 * project's Freight comes from a git repository served over HTTP with Basic authentication, whose password is a
 * Jenkins credential bound in the global configuration.
 */
@WithJenkins
class KargoStepsJenkinsTest {

    private static final String PASSWORD = "canary-pw-4c1d";

    @TempDir
    Path dir;

    private JenkinsRule j;
    private GitHttpServer git;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        Path repos = Files.createDirectories(dir.resolve("repos"));
        BareGitRepository app = BareGitRepository.create(repos, "app.git");
        app.commit("v1", Instant.parse("2026-11-01T10:00:00Z"), Map.of("VERSION", "1.0.0"));
        app.tag("v1.0.0");
        git = GitHttpServer.serve(repos, "kargo", PASSWORD);

        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "app-git", "", "kargo", PASSWORD));
        KargoConfiguration config = KargoConfiguration.get();
        config.setStateDirectory(dir.resolve("state").toString());
        config.setCredentials(List.of(new CredentialBinding("git", git.url("app.git"), "app-git")));

        Path kargo = Files.createDirectories(dir.resolve("workspace-source/kargo"));
        Files.writeString(kargo.resolve("shop.yaml"), """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata:
                  name: shop
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata:
                  name: app
                  namespace: shop
                spec:
                  subscriptions:
                    - git:
                        repoURL: %s
                        commitSelectionStrategy: SemVer
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: uat
                  namespace: shop
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: app}
                      sources: {direct: true}
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: http
                          as: check
                          config:
                            url: %slogin
                """.formatted(git.url("app.git"), j.getURL()));
    }

    @AfterEach
    void tearDown() {
        git.close();
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "deliver");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private String flow() {
        return """
                node {
                  writeFile file: 'kargo/shop.yaml', text: readFile('%s')
                  kargoApply path: 'kargo'
                }
                def found = kargoDiscover project: 'shop'
                echo "discovered ${found.size()}"
                def r = kargoPromote project: 'shop', stage: 'uat', latest: true
                echo "promoted ${r.freightAlias} approved by ${r.approvedBy}"
                """.formatted(dir.resolve("workspace-source/kargo/shop.yaml").toString().replace("\\", "/"));
    }

    @Test
    void theStepsAreRegisteredAndRoundTripThroughTheSnippetGenerator() throws Exception {
        for (String name : List.of("kargoApply", "kargoDiscover", "kargoPromote", "kargoVerify")) {
            assertThat(StepDescriptor.byFunctionName(name)).as(name).isNotNull();
        }
        KargoPromoteStep promote = new KargoPromoteStep("myapp", "uat");
        promote.setFreightAlias("icy-sparrow");
        promote.setSubmitter("release-managers");
        j.assertEqualDataBoundBeans(promote, new StepConfigTester(j).configRoundTrip(promote));
        KargoDiscoverStep discover = new KargoDiscoverStep("myapp");
        discover.setWarehouse("services-warehouse");
        j.assertEqualDataBoundBeans(discover, new StepConfigTester(j).configRoundTrip(discover));
        KargoVerifyStep verify = new KargoVerifyStep("myapp", "preprod");
        j.assertEqualDataBoundBeans(verify, new StepConfigTester(j).configRoundTrip(verify));
    }

    @Test
    void aGatedStageWaitsOnAnInputThatIsApproved() throws Exception {
        WorkflowRun b = job(flow()).scheduleBuild2(0).waitForStart();
        j.waitForMessage("Promote the newest available Freight into stage uat", b);
        InputAction inputs = b.getAction(InputAction.class);
        InputStepExecution gate = inputs.getExecution("Kargo-shop-uat");
        assertThat(gate).isNotNull();
        assertThat(j.jenkins.toComputer().countBusy()).as("the wait holds no executor").isZero();

        gate.proceed(Map.of("approver", "admin"));

        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("discovered 1", b);
        j.assertLogContains("approved by admin", b);
        j.assertLogNotContains(PASSWORD, b);
        PromotionAction promotion = b.getAction(PromotionAction.class);
        assertThat(promotion.getStage()).isEqualTo("uat");
        assertThat(promotion.getResult()).isEqualTo(PromotionAction.Result.SUCCEEDED);
        assertThat(promotion.getApprovedBy()).isEqualTo("admin");
    }

    @Test
    void aRejectedGateAbortsTheBuildWithNothingPromoted() throws Exception {
        WorkflowRun b = job(flow()).scheduleBuild2(0).waitForStart();
        j.waitForMessage("Promote the newest available Freight into stage uat", b);

        b.getAction(InputAction.class).getExecution("Kargo-shop-uat").doAbort();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertThat(b.getAction(PromotionAction.class)).isNull();
    }
}
