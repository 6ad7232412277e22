package io.jenkins.plugins.kargo.plugin.builders;

import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.kargo.plugin.gate.Gate;
import io.jenkins.plugins.kargo.plugin.gate.GateDecision;
import io.jenkins.plugins.kargo.plugin.gate.GateRequest;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A freestyle build's gate: there is no {@code input} to wait on, so the person who started the build by hand
 * approves a manual stage by starting it, if the stage's approvers include them (or name nobody). A build started
 * otherwise is refused, and so is a verification's sign-off, which is given in the Freight view, with
 * {@code kargo approve}, or by a Pipeline's {@code kargoPromote} waiting on an input.
 */
enum StarterGate implements Gate.Opener {
    BUILD_STARTER;

    /** Nothing waits: the decision is made as the gate opens. */
    private static final class Decided implements Gate {
        private static final long serialVersionUID = 1L;

        @Override
        public void resume() {
        }

        @Override
        public void cancel(Throwable cause) {
        }
    }

    @Override
    public Gate open(StepContext context, GateRequest request, GateDecision decision)
            throws IOException, InterruptedException {
        String starter = starter(context.get(Run.class));
        if (request.signOff()) {
            decision.rejected(null, new AbortException("Kargo: the verification waits for a person's sign-off: give "
                    + "it in the Freight view or with `kargo approve`, or use kargoPromote in a Pipeline, which waits "
                    + "on an input"));
        } else if (starter != null && (request.submitters().isEmpty() || request.submitters().contains(starter))) {
            decision.approved(starter);
        } else {
            decision.rejected(null, new AbortException("Kargo: " + request.message() + " A freestyle build cannot "
                    + "wait for an approval: " + (request.submitters().isEmpty() ? "start it by hand"
                    : "have one of " + String.join(", ", request.submitters()) + " start it by hand")
                    + ", or use kargoPromote in a Pipeline, which waits on an input"));
        }
        return new Decided();
    }

    private static String starter(Run<?, ?> run) {
        Cause.UserIdCause cause = run == null ? null : run.getCause(Cause.UserIdCause.class);
        return cause == null ? null : cause.getUserId();
    }
}
