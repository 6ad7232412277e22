package io.jenkins.plugins.kargo.plugin.gate;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.kargo.plugin.testing.FakeStepContext;
import io.jenkins.plugins.kargo.plugin.testing.RecordingListener;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.support.steps.input.Rejection;
import org.junit.jupiter.api.Test;

/** The context an input gate runs in hands Proceed and Abort to the step; the ids are the input step's. */
class GateTest {

    private static final class Decisions implements GateDecision {
        final List<String> seen = new ArrayList<>();

        @Override
        public void approved(String approver) {
            seen.add("approved " + approver);
        }

        @Override
        public void rejected(String rejectedBy, Throwable cause) {
            seen.add("rejected " + rejectedBy + " " + cause.getClass().getSimpleName());
        }
    }

    @Test
    void proceedAndAbortBecomeDecisionsAndEverythingElseIsTheSteps() throws Exception {
        FakeStepContext step = new FakeStepContext();
        Decisions decisions = new Decisions();
        GateContext gate = new GateContext(step, decisions);

        gate.onSuccess("admin@yourdomain.com");
        gate.onSuccess(Map.of("approver", "x", "other", "y"));
        gate.onFailure(new FlowInterruptedException(Result.ABORTED, new Rejection(null)));

        assertThat(decisions.seen).containsExactly("approved admin@yourdomain.com", "approved null",
                "rejected null FlowInterruptedException");
        assertThat(gate.get(TaskListener.class)).isSameAs(step.listener());
        assertThat(gate.get(TaskListener.class)).isInstanceOf(RecordingListener.class);
        assertThat(step.end()).as("the step itself goes on").isNotDone();
        assertThat(gate).isEqualTo(new GateContext(step, new Decisions()));
    }

    @Test
    void oneIdPerStageAsTheInputStepWritesIt() {
        assertThat(GateRequest.idFor("myapp", "uat")).isEqualTo("Kargo-myapp-uat");
        assertThat(GateRequest.idFor("my app", "prod/eu")).isEqualTo("Kargo-my_app-prod_eu");
        assertThat(new GateRequest("K", "m", List.of(), false).submitter()).isNull();
        assertThat(new GateRequest("K", "m", List.of("a", "b"), true).submitter()).isEqualTo("a,b");
    }
}
