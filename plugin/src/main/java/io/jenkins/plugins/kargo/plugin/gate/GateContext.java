package io.jenkins.plugins.kargo.plugin.gate;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.io.IOException;
import java.util.Objects;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.support.steps.input.Rejection;

/**
 * The context an {@code input} opened by a Kargo step runs in: everything the input asks for (its run, its flow
 * node, its log) is the step's own, so it pauses the step's node and shows in the build's usual input UI; only its
 * end is caught, so that Proceed and Abort reach the step as a decision instead of ending it.
 */
final class GateContext extends StepContext {

    private static final long serialVersionUID = 1L;

    private final StepContext step;
    private final GateDecision decision;

    GateContext(StepContext step, GateDecision decision) {
        this.step = Objects.requireNonNull(step);
        this.decision = Objects.requireNonNull(decision);
    }

    @Override
    public <T> T get(Class<T> key) throws IOException, InterruptedException {
        return step.get(key);
    }

    /** The input passes the value of its submitter parameter: the id of the user who approved. */
    @Override
    public void onSuccess(Object result) {
        decision.approved(result instanceof String approver && !approver.isBlank() ? approver : null);
    }

    @Override
    public void onFailure(Throwable t) {
        decision.rejected(rejectedBy(t), t);
    }

    /** The user named by the input's {@link Rejection}, if a person pressed Abort. */
    static String rejectedBy(Throwable t) {
        if (t instanceof FlowInterruptedException interrupted) {
            for (CauseOfInterruption cause : interrupted.getCauses()) {
                if (cause instanceof Rejection rejection && rejection.getUser() != null) {
                    return rejection.getUser().getId();
                }
            }
        }
        return null;
    }

    @Override
    public boolean isReady() {
        return step.isReady();
    }

    @Override
    public ListenableFuture<Void> saveState() {
        return step.saveState();
    }

    @Override
    public void setResult(Result r) {
        step.setResult(r);
    }

    @Override
    public BodyInvoker newBodyInvoker() throws IllegalStateException {
        throw new IllegalStateException("a gate has no body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GateContext other && step.equals(other.step);
    }

    @Override
    public int hashCode() {
        return step.hashCode() * 31 + 1;
    }
}
