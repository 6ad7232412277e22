package io.jenkins.plugins.kargo.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.plugin.engine.Delivery;
import io.jenkins.plugins.kargo.plugin.history.VerificationAction;
import io.jenkins.plugins.kargo.plugin.testing.FakeBuild;
import io.jenkins.plugins.kargo.plugin.testing.FakeDelivery;
import io.jenkins.plugins.kargo.plugin.testing.FakeGates;
import io.jenkins.plugins.kargo.plugin.testing.FakeStepContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kargoVerify waits like kargoPromote; kargoDiscover returns the new Freight to the script. */
class VerifyAndDiscoverExecutionTest {

    private FakeStepContext context;
    private FakeBuild build;

    @BeforeEach
    void setUp() {
        FakeDelivery.reset();
        FakeGates.reset();
        context = new FakeStepContext();
        build = new FakeBuild(3, "jenkins:deliver#3");
    }

    private static void awaitCall(String call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (FakeDelivery.calls().stream().noneMatch(c -> c.startsWith(call))) {
            assertThat(System.nanoTime()).as("called: " + call).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void verifyIsCompletedByItsOutcomeAndShownOnTheBuild() throws Exception {
        VerifyExecution execution = new VerifyExecution(context, new VerifyRequest("myapp", "preprod", null),
                FakeDelivery.SOURCE, FakeGates.INSTANCE, FakeBuild.Access.CURRENT);
        assertThat(execution.start()).isFalse();
        awaitCall("await preprod.v01.abc1234");
        assertThat(FakeDelivery.calls()).contains("verify myapp/preprod as jenkins:deliver#3");

        FakeDelivery.outcome("preprod.v01.abc1234").complete(new Delivery.Outcome.Succeeded("Successful", List.of()));

        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) context.end().get(30, TimeUnit.SECONDS);
        assertThat(value).containsEntry("verification", "preprod.v01.abc1234").containsEntry("result", "Successful");
        VerificationAction action = build.actions(VerificationAction.class).get(0);
        assertThat(action.getPhase()).isEqualTo("Successful");
        assertThat(action.getFreightAlias()).isEqualTo("icy-sparrow");
    }

    @Test
    void aFailedVerificationFailsTheStepWithTheMetric() throws Exception {
        new VerifyExecution(context, new VerifyRequest("myapp", "preprod", null), FakeDelivery.SOURCE,
                FakeGates.INSTANCE, FakeBuild.Access.CURRENT).start();
        awaitCall("await preprod.v01.abc1234");
        FakeDelivery.outcome("preprod.v01.abc1234").complete(new Delivery.Outcome.Failed("latency-p95",
                "result 812 is not below 500", "Failed"));

        try {
            context.end().get(30, TimeUnit.SECONDS);
            throw new AssertionError("succeeded");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).hasMessageContaining("failed at latency-p95: result 812 is not below 500");
        }
        assertThat(build.actions(VerificationAction.class).get(0).getPhase()).isEqualTo("Failed");
    }

    @Test
    void discoverReturnsTheNewFreightAsPlainMapsAndPrintsASummary() throws Exception {
        DiscoverExecution execution = new DiscoverExecution(context, new DiscoverRequest("myapp", null),
                FakeDelivery.SOURCE);
        assertThat(execution.start()).isFalse();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = (List<Map<String, Object>>) context.end().get(30, TimeUnit.SECONDS);
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).containsEntry("alias", "icy-sparrow").containsEntry("warehouse",
                "services-warehouse").containsEntry("versions",
                Map.of("harbor.example.com/services/user-service", "v1.2.3-alpha.1"));
        assertThat(FakeDelivery.calls()).contains("discover myapp/null");
        assertThat(context.listener().text()).contains("new Freight icy-sparrow (abc1234def) from warehouse "
                + "services-warehouse");
        assertThat(FakeDelivery.closed()).isEqualTo(1);
    }
}
