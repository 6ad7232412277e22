package io.jenkins.plugins.kargo.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.kargo.plugin.engine.Delivery;
import io.jenkins.plugins.kargo.plugin.engine.FreightChoice;
import io.jenkins.plugins.kargo.plugin.history.PromotionAction;
import io.jenkins.plugins.kargo.plugin.testing.FakeBuild;
import io.jenkins.plugins.kargo.plugin.testing.FakeDelivery;
import io.jenkins.plugins.kargo.plugin.testing.FakeGates;
import io.jenkins.plugins.kargo.plugin.testing.FakeStepContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kargoPromote's execution against an engine the test drives: it returns at once (no executor is held), promotes
 * through the engine, is completed by the outcome, passes gates as inputs, survives a restart by the promotion's
 * name, rolls back from the job's history and keeps secrets out of the log.
 */
class PromoteExecutionTest {

    private static final String USER_SERVICE = "harbor.example.com/services/user-service";

    private FakeStepContext context;
    private FakeBuild build;

    @BeforeEach
    void setUp() {
        FakeDelivery.reset();
        FakeGates.reset();
        context = new FakeStepContext();
        build = new FakeBuild(12, "alice");
    }

    private PromoteExecution execution(FreightChoice choice, String submitter) {
        return new PromoteExecution(context, new PromoteRequest("myapp", "dev", choice, submitter),
                FakeDelivery.SOURCE, FakeGates.INSTANCE, FakeBuild.Access.CURRENT);
    }

    private static FreightChoice alias(String alias) {
        return new FreightChoice(FreightChoice.Kind.ALIAS, alias);
    }

    /** Waits, on events, until the engine has been asked for the outcome of the promotion. */
    private static void awaitCall(String call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (FakeDelivery.calls().stream().noneMatch(c -> c.startsWith(call))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never called: " + call + "; calls: " + FakeDelivery.calls());
            }
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    private Object result() throws Exception {
        return context.end().get(30, TimeUnit.SECONDS);
    }

    private Throwable failure() throws InterruptedException, TimeoutException {
        try {
            context.end().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the step succeeded");
    }

    @Test
    void returnsAtOnceAndIsCompletedByTheOutcome() throws Exception {
        assertThat(execution(alias("icy-sparrow"), null).start()).as("asynchronous: holds no executor").isFalse();

        awaitCall("await dev.01.abc1234");
        assertThat(context.end()).isNotDone();
        assertThat(FakeDelivery.calls()).contains("promote myapp/dev ALIAS:icy-sparrow as alice");
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.Succeeded("Successful",
                List.of("git-push: pushed 0a1b2c3 to main")));

        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) result();
        assertThat(value).containsEntry("promotion", "dev.01.abc1234").containsEntry("freightAlias", "icy-sparrow")
                .containsEntry("steps", List.of("git-push: pushed 0a1b2c3 to main"))
                .containsEntry("verification", "Successful");
        assertThat(value.get("versions")).isEqualTo(Map.of(USER_SERVICE, "v1.2.3"));
        PromotionAction action = build.actions(PromotionAction.class).get(0);
        assertThat(action.getResult()).isEqualTo(PromotionAction.Result.SUCCEEDED);
        assertThat(action.getSteps()).containsExactly("git-push: pushed 0a1b2c3 to main");
        assertThat(action.getVersions()).containsEntry(USER_SERVICE, "v1.2.3");
        assertThat(context.listener().text()).contains("promotion dev.01.abc1234 of Freight icy-sparrow");
        assertThat(context.saves()).as("the promotion's name is saved before waiting").isPositive();
        assertThat(context.ends()).isEqualTo(1);
        assertThat(FakeDelivery.closed()).isEqualTo(FakeDelivery.opened());
    }

    @Test
    void aFailureNamesTheFailingStepOrMeasurement() throws Exception {
        execution(alias("icy-sparrow"), null).start();
        awaitCall("await dev.01.abc1234");
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.Failed("error-rate",
                "result 0.2 is not below 0.05", "Failed"));

        assertThat(failure()).isInstanceOf(AbortException.class)
                .hasMessageContaining("failed at error-rate").hasMessageContaining("result 0.2 is not below 0.05");
        assertThat(build.actions(PromotionAction.class).get(0).getResult()).isEqualTo(PromotionAction.Result.FAILED);
    }

    @Test
    void aRefusalFailsTheStepWithTheEnginesReason() throws Exception {
        FakeDelivery.failPromotionWith(new IllegalArgumentException("Freight icy-sparrow is not available to stage "
                + "dev: not verified in staging"));
        execution(alias("icy-sparrow"), null).start();

        assertThat(failure()).isInstanceOf(AbortException.class).hasMessage("Kargo: Freight icy-sparrow is not "
                + "available to stage dev: not verified in staging");
        assertThat(build.actions(PromotionAction.class)).isEmpty();
    }

    @Test
    void aManualStageWaitsOnAGateForItsApproversAndPromotesAsTheApprover() throws Exception {
        FakeDelivery.gate(true, "admin@yourdomain.com");
        execution(alias("icy-sparrow"), null).start();

        FakeGates.Opened gate = FakeGates.next();
        assertThat(gate.request.submitters()).containsExactly("admin@yourdomain.com");
        assertThat(gate.request.id()).isEqualTo("Kargo-myapp-dev");
        assertThat(gate.request.message()).contains("Promote Freight icy-sparrow into stage dev");
        assertThat(FakeDelivery.calls()).noneMatch(c -> c.startsWith("promote"));

        gate.decision.approved("admin@yourdomain.com");
        awaitCall("await dev.01.abc1234");
        assertThat(FakeDelivery.calls()).contains("promote myapp/dev ALIAS:icy-sparrow as admin@yourdomain.com");
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.Succeeded(null, List.of()));

        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) result();
        assertThat(value).containsEntry("approvedBy", "admin@yourdomain.com");
        assertThat(build.actions(PromotionAction.class).get(0).getApprovedBy()).isEqualTo("admin@yourdomain.com");
    }

    @Test
    void theStepsSubmitterOverridesTheApprovers() throws Exception {
        FakeDelivery.gate(true, "admin@yourdomain.com");
        execution(alias("icy-sparrow"), "release-managers, bob").start();

        assertThat(FakeGates.next().request.submitters()).containsExactly("release-managers", "bob");
    }

    @Test
    void rejectingTheGateAbortsWithoutPromoting() throws Exception {
        FakeDelivery.gate(true);
        execution(alias("icy-sparrow"), null).start();

        FakeGates.Opened gate = FakeGates.next();
        gate.decision.rejected("bob", new FlowInterruptedException(Result.ABORTED));

        assertThat(failure()).isInstanceOf(FlowInterruptedException.class);
        assertThat(FakeDelivery.calls()).noneMatch(c -> c.startsWith("promote"));
        assertThat(context.listener().text()).contains("rejected by bob; nothing was promoted");
    }

    @Test
    void aVerificationWaitingForAPersonIsSignedOffThroughAGate() throws Exception {
        execution(alias("icy-sparrow"), null).start();
        awaitCall("await dev.01.abc1234");
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.WaitingForDecision("Running",
                List.of("qa-lead")));

        FakeGates.Opened gate = FakeGates.next();
        assertThat(gate.request.submitters()).containsExactly("qa-lead");
        assertThat(gate.request.message()).contains("waits for your sign-off");
        FakeDelivery.reset();
        gate.decision.approved("qa-lead");

        awaitCall("await dev.01.abc1234");
        assertThat(FakeDelivery.calls()).contains("approve myapp/dev abc1234def by qa-lead");
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.Succeeded("Successful", List.of()));
        assertThat(result()).isNotNull();
    }

    @Test
    void rejectingASignOffFailsTheVerification() throws Exception {
        execution(alias("icy-sparrow"), null).start();
        awaitCall("await dev.01.abc1234");
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.WaitingForDecision(null, List.of()));
        FakeGates.Opened gate = FakeGates.next();
        FakeDelivery.reset();

        gate.decision.rejected("qa-lead", new FlowInterruptedException(Result.ABORTED));
        awaitCall("await dev.01.abc1234");
        assertThat(FakeDelivery.calls()).contains("reject myapp/dev abc1234def by qa-lead");
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.Failed("approval", "rejected by qa-lead",
                "Failed"));

        assertThat(failure()).hasMessageContaining("rejected by qa-lead");
    }

    @Test
    void afterARestartTheExecutionFindsThePromotionByName() throws Exception {
        PromoteExecution execution = execution(alias("icy-sparrow"), null);
        execution.start();
        awaitCall("await dev.01.abc1234");

        StepExecution restored = restart(execution);
        FakeDelivery.reset();
        restored.onResume();
        awaitCall("await dev.01.abc1234");
        assertThat(FakeDelivery.calls()).as("resumes, never promotes again").noneMatch(c -> c.startsWith("promote"));
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.Succeeded(null, List.of()));

        assertThat(result()).isNotNull();
        assertThat(context.listener().text()).contains("picking up dev.01.abc1234 again after a restart");
    }

    @Test
    void afterARestartAWaitingGateIsShownAgain() throws Exception {
        FakeDelivery.gate(true);
        PromoteExecution execution = execution(alias("icy-sparrow"), null);
        execution.start();
        FakeGates.Opened gate = FakeGates.next();

        StepExecution restored = restart(execution);
        restored.onResume();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (gate.resumes.isEmpty()) {
            assertThat(System.nanoTime()).as("the gate is shown again").isLessThan(deadline);
            Thread.sleep(1);
        }
        assertThat(context.listener().text()).contains("still waiting for a decision on stage dev");
        assertThat(context.end()).isNotDone();
        gate.decision.approved("carol");
        awaitCall("await dev.01.abc1234");
        assertThat(FakeDelivery.calls()).contains("promote myapp/dev ALIAS:icy-sparrow as carol");
    }

    @Test
    void stoppingTheBuildAbortsThePromotion() throws Exception {
        PromoteExecution execution = execution(alias("icy-sparrow"), null);
        execution.start();
        awaitCall("await dev.01.abc1234");

        execution.stop(new FlowInterruptedException(Result.ABORTED));

        assertThat(failure()).isInstanceOf(FlowInterruptedException.class);
        assertThat(FakeDelivery.calls()).contains("abort dev.01.abc1234 by alice");
    }

    @Test
    void rollbackAsksTheEngineToChooseAmongTheJobsSuccessfulPromotionsAndSaysWhichBuild() throws Exception {
        build.earlier(8, promotion("dev", "aaa", "old-fox", PromotionAction.Result.SUCCEEDED))
                .earlier(9, promotion("dev", "ddd", "sad-eel", PromotionAction.Result.FAILED))
                .earlier(10, promotion("staging", "bbb", "other", PromotionAction.Result.SUCCEEDED))
                .earlier(11, promotion("dev", "ccc", "bad-cat", PromotionAction.Result.SUCCEEDED))
                .earlier(12, promotion("dev", "eee", "this-build", PromotionAction.Result.SUCCEEDED));
        FakeDelivery.rollbackTo("aaa");

        execution(new FreightChoice(FreightChoice.Kind.ROLLBACK, ""), null).start();
        awaitCall("await dev.01.abc1234");

        assertThat(FakeDelivery.calls()).as("this stage's successful promotions of earlier builds, newest first")
                .contains("rollbackTarget myapp/dev of [ccc, aaa]")
                .contains("rollback myapp/dev to aaa as alice").noneMatch(c -> c.startsWith("promote"));
        assertThat(context.listener().text()).contains("rolling back stage dev to Freight old-fox (aaa), promoted "
                + "by build #8");
        assertThat(build.actions(PromotionAction.class).get(0).getRolledBackFrom()).isEqualTo(8);
    }

    @Test
    void aRollbackIntoAManualStageSaysWhereToOnItsGate() throws Exception {
        build.earlier(8, promotion("dev", "aaa", "old-fox", PromotionAction.Result.SUCCEEDED));
        FakeDelivery.rollbackTo("aaa");
        FakeDelivery.gate(true);

        execution(new FreightChoice(FreightChoice.Kind.ROLLBACK, ""), null).start();

        FakeGates.Opened gate = FakeGates.next();
        assertThat(gate.request.message()).contains("Roll stage dev back to Freight aaa (promoted by build #8)");
        gate.decision.approved("carol");
        awaitCall("await dev.01.abc1234");
        assertThat(FakeDelivery.calls()).contains("rollback myapp/dev to aaa as carol");
    }

    @Test
    void rollbackWithoutHistoryFailsClearly() throws Exception {
        execution(new FreightChoice(FreightChoice.Kind.ROLLBACK, ""), null).start();

        assertThat(failure()).isInstanceOf(AbortException.class).hasMessageContaining("nothing to roll back to");
        assertThat(FakeDelivery.calls()).contains("rollbackTarget myapp/dev of []");
    }

    @Test
    void aCanarySecretNeverReachesTheLogNorTheFailure() throws Exception {
        FakeDelivery.secrets("canary-8d1f2e");
        execution(alias("icy-sparrow"), null).start();
        awaitCall("await dev.01.abc1234");
        FakeDelivery.outcome("dev.01.abc1234").complete(new Delivery.Outcome.Failed("git-push",
                "https://kargo:canary-8d1f2e@git.example.com/gitops.git: 403", "n/a"));

        Throwable failure = failure();
        assertThat(failure.getMessage()).doesNotContain("canary-8d1f2e").contains("****");
        assertThat(context.listener().text()).doesNotContain("canary-8d1f2e");
        assertThat(build.actions(PromotionAction.class).get(0).getMessage()).doesNotContain("canary-8d1f2e");
    }

    private static PromotionAction promotion(String stage, String freight, String alias, PromotionAction.Result r) {
        PromotionAction a = new PromotionAction("myapp", stage, stage + "." + freight, freight, alias, Map.of(), null);
        a.settle(r, null, List.of(), null);
        return a;
    }

    /** The execution written out and read back, as Jenkins does across a controller restart. */
    private static StepExecution restart(StepExecution execution) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(execution);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (StepExecution) in.readObject();
        }
    }
}
