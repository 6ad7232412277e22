package io.jenkins.plugins.kargo.plugin.gate;

import hudson.model.Run;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStep;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;

/**
 * A gate that is a real Jenkins {@code input}: the input step's own {@link InputStep} and
 * {@link InputStepExecution}, registered in the build's {@link InputAction}, so its page, its REST endpoints
 * ({@code input/<id>/proceedEmpty}, {@code abort}) and its submitter and permission checks apply unchanged. It runs
 * in a {@link GateContext} over the Kargo step's context, which hands Proceed and Abort to the step.
 */
public final class InputGate implements Gate {

    private static final long serialVersionUID = 1L;

    /** The name under which the input returns the approving user's id. */
    static final String APPROVER = "approver";

    /** Opens Jenkins inputs; an enum, so a step's execution keeps it across a restart by name. */
    public enum Opener implements Gate.Opener {
        INPUT;

        @Override
        public Gate open(StepContext context, GateRequest request, GateDecision decision) throws Exception {
            return InputGate.open(context, request, decision);
        }
    }

    private final InputStepExecution input;

    private InputGate(InputStepExecution input) {
        this.input = input;
    }

    static Gate open(StepContext context, GateRequest request, GateDecision decision) throws Exception {
        InputStep step = new InputStep(request.message());
        step.setId(request.id());
        step.setSubmitter(request.submitter());
        step.setSubmitterParameter(APPROVER);
        step.setOk("Approve");
        step.setCancel("Reject");
        StepExecution execution = step.start(new GateContext(context, decision));
        execution.start();
        return new InputGate((InputStepExecution) execution);
    }

    /**
     * After a restart Jenkins looks for waiting inputs among the flow's current step executions; this one is held by
     * the Kargo step's execution, so it is registered again (its stale id first removed).
     */
    @Override
    public void resume() throws IOException, InterruptedException, TimeoutException {
        if (input.isSettled()) {
            return;
        }
        Run<?, ?> run = Objects.requireNonNull(input.getRun(), "run");
        InputAction action = run.getAction(InputAction.class);
        if (action == null) {
            action = new InputAction();
            run.addAction(action);
        } else if (action.getExecution(input.getId()) == input) {
            return;
        } else {
            action.remove(input);
        }
        action.add(input);
    }

    @Override
    public void cancel(Throwable cause) throws Exception {
        if (!input.isSettled()) {
            input.stop(cause);
        }
    }

    /** The Jenkins input, for the Freight view's approve and reject buttons. */
    public InputStepExecution input() {
        return input;
    }
}
