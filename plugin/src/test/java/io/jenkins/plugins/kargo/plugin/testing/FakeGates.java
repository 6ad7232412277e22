package io.jenkins.plugins.kargo.plugin.testing;

import io.jenkins.plugins.kargo.plugin.gate.Gate;
import io.jenkins.plugins.kargo.plugin.gate.GateDecision;
import io.jenkins.plugins.kargo.plugin.gate.GateRequest;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Gates a test decides: each opened gate is handed to the test, which approves or rejects it. */
public enum FakeGates implements Gate.Opener {
    INSTANCE;

    /** A gate as the test holds it. */
    public static final class Opened implements Gate {
        private static final long serialVersionUID = 1L;
        private static final java.util.Map<String, Opened> LIVE = new java.util.concurrent.ConcurrentHashMap<>();
        private final String id = java.util.UUID.randomUUID().toString();
        public final transient GateRequest request;
        public final transient GateDecision decision;
        public final transient List<String> resumes = new CopyOnWriteArrayList<>();
        public transient volatile Throwable cancelled;

        Opened(GateRequest request, GateDecision decision) {
            this.request = request;
            this.decision = decision;
            LIVE.put(id, this);
        }

        /** Read back (as after a restart), it is the gate the test holds. */
        private Object readResolve() {
            return LIVE.get(id);
        }

        @Override
        public void resume() {
            resumes.add("resumed");
        }

        @Override
        public void cancel(Throwable cause) {
            cancelled = cause;
            decision.rejected(null, cause);
        }
    }

    private static final BlockingQueue<Opened> OPENED = new LinkedBlockingQueue<>();

    @Override
    public Gate open(StepContext context, GateRequest request, GateDecision decision) {
        Opened gate = new Opened(request, decision);
        OPENED.add(gate);
        return gate;
    }

    /** The next gate a step opens; fails the test when none opens. */
    public static Opened next() throws InterruptedException {
        Opened gate = OPENED.poll(30, TimeUnit.SECONDS);
        if (gate == null) {
            throw new AssertionError("no gate was opened");
        }
        return gate;
    }

    public static void reset() {
        OPENED.clear();
    }
}
