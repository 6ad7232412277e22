package io.jenkins.plugins.kargo.plugin.testing;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ObjectStreamException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step's context as a test sees it: its log, the value or failure the step ended with, and how often the step
 * saved its state. Serialisable like Jenkins' own: a copy read back is the same context (the test's handle).
 */
public final class FakeStepContext extends StepContext {

    private static final long serialVersionUID = 1L;
    private static final Map<String, FakeStepContext> LIVE = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final transient RecordingListener listener = new RecordingListener();
    private final transient CompletableFuture<Object> end = new CompletableFuture<>();
    private final transient AtomicInteger saves = new AtomicInteger();
    private final transient AtomicInteger ends = new AtomicInteger();
    private final transient Map<Class<?>, Object> values = new ConcurrentHashMap<>();

    public FakeStepContext() {
        LIVE.put(id, this);
    }

    private Object readResolve() throws ObjectStreamException {
        return LIVE.get(id);
    }

    public RecordingListener listener() {
        return listener;
    }

    /** Completes with the step's value, or exceptionally with its failure. */
    public CompletableFuture<Object> end() {
        return end;
    }

    /** How many times the step ended (more than once is a bug). */
    public int ends() {
        return ends.get();
    }

    public int saves() {
        return saves.get();
    }

    /** Gives the step a context value, such as its workspace. */
    public <T> FakeStepContext with(Class<T> key, T value) {
        values.put(key, value);
        return this;
    }

    @Override
    public <T> T get(Class<T> key) {
        return key == TaskListener.class ? key.cast(listener) : key.cast(values.get(key));
    }

    @Override
    public void onSuccess(Object result) {
        ends.incrementAndGet();
        end.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        ends.incrementAndGet();
        end.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public ListenableFuture<Void> saveState() {
        saves.incrementAndGet();
        return Futures.immediateFuture(null);
    }

    @Override
    public void setResult(Result r) {
    }

    @Override
    public BodyInvoker newBodyInvoker() throws IllegalStateException {
        throw new IllegalStateException("no body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeStepContext other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
