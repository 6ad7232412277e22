package io.jenkins.plugins.kargo.plugin.builders;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A freestyle build as the context of a step's execution, so a build step runs the very execution its Pipeline step
 * runs and waits for it: a freestyle build holds its executor anyway.
 */
final class BuildContext extends StepContext {

    private static final long serialVersionUID = 1L;

    private final transient Run<?, ?> run;
    private final transient TaskListener listener;
    private final transient CompletableFuture<Object> end = new CompletableFuture<>();

    BuildContext(Run<?, ?> run, TaskListener listener) {
        this.run = run;
        this.listener = listener;
    }

    /** Completes with the step's value, or exceptionally with its failure. */
    CompletableFuture<Object> end() {
        return end;
    }

    @Override
    public <T> T get(Class<T> key) {
        if (key == Run.class) {
            return key.cast(run);
        }
        return key == TaskListener.class ? key.cast(listener) : null;
    }

    @Override
    public void onSuccess(Object result) {
        end.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        end.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public ListenableFuture<Void> saveState() {
        return Futures.immediateFuture(null);
    }

    @Override
    public void setResult(Result r) {
    }

    @Override
    public BodyInvoker newBodyInvoker() throws IllegalStateException {
        throw new IllegalStateException("a build step has no body");
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
