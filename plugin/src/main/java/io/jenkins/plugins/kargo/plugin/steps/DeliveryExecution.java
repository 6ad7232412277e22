package io.jenkins.plugins.kargo.plugin.steps;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.kargo.application.command.CommandRefusedException;
import io.jenkins.plugins.kargo.plugin.credentials.SecretMask;
import io.jenkins.plugins.kargo.plugin.engine.Delivery;
import io.jenkins.plugins.kargo.plugin.gate.Gate;
import io.jenkins.plugins.kargo.plugin.gate.GateDecision;
import io.jenkins.plugins.kargo.plugin.gate.GateRequest;
import io.jenkins.plugins.kargo.plugin.history.BuildRecord;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A step that has the engine deliver something and waits for the outcome without an executor, as
 * {@code SleepStep} waits: {@link #start()} hands the work to a background thread and returns; the outcome's future
 * completes the step. Everything needed to go on after a controller restart is kept in the execution (the name of
 * what the engine is doing, the gate that waits), so {@link #onResume()} asks the engine again by name or shows the
 * gate again. A gate (a manual stage, a verification waiting for a person) is a Jenkins {@code input}.
 */
public abstract class DeliveryExecution extends StepExecution implements GateDecision {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeliveryExecution.class.getName());

    /** What a waiting gate decides. */
    enum GateKind {
        /** Whether the promotion may start at all (a manual stage). */
        ENTRY,
        /** The sign-off a verification waits for. */
        SIGN_OFF
    }

    private final String project;
    private final String stage;
    private final String submitter;
    private final Delivery.Source source;
    private final Gate.Opener gates;
    private final BuildRecord.Access builds;
    /** What the engine accepted; null until then. */
    protected Delivery.Started started;
    private Gate gate;
    private GateKind gateKind;
    /** The gate being opened was decided before its opener returned (a gate that decides at once). */
    private transient boolean decidedWhileOpening;
    private transient Delivery delivery;
    private transient volatile boolean finished;

    /** @param submitter who may decide the gates instead of the configuration's approvers (comma-separated), or null */
    DeliveryExecution(StepContext context, String project, String stage, String submitter, Delivery.Source source,
                      Gate.Opener gates, BuildRecord.Access builds) {
        super(context);
        this.project = project;
        this.stage = stage;
        this.submitter = submitter;
        this.source = source;
        this.gates = gates;
        this.builds = builds;
    }

    /** Starts the delivery (or opens its entry gate) in a background thread. */
    abstract void begin() throws Exception;

    /** The outcome of what was started, asked for by name. */
    abstract CompletableFuture<Delivery.Outcome> outcome(Delivery delivery);

    /** The step's return value, once the outcome is a success; also records it on the build. */
    abstract Object succeeded(Delivery.Outcome.Succeeded outcome) throws Exception;

    /** Records a failure or an abort on the build. */
    abstract void ended(Delivery.Outcome outcome) throws Exception;

    /** After the entry gate: who approved, to act as. */
    void entryApproved(String approver) throws Exception {
        throw new IllegalStateException("no entry gate here");
    }

    final String project() {
        return project;
    }

    final String stage() {
        return stage;
    }

    @Override
    public final boolean start() {
        background(this::begin);
        return false;
    }

    @Override
    public void onResume() {
        if (finished) {
            return;
        }
        background(() -> {
            if (gate != null) {
                log("Kargo: still waiting for a decision on stage " + stage() + " after a restart");
                gate.resume();
            } else if (started != null) {
                log("Kargo: picking up " + started.name() + " again after a restart");
                await();
            } else {
                begin();
            }
        });
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Gate waiting;
        synchronized (this) {
            waiting = gate;
            gate = null;
        }
        if (waiting != null) {
            waiting.cancel(cause);
        }
        stopped();
        fail(cause);
    }

    /** What to undo in the engine when the build is stopped. */
    void stopped() throws Exception {
    }

    @Override
    public String getStatus() {
        if (gate != null) {
            return "waiting for a decision on stage " + stage();
        }
        return started == null ? "starting" : "waiting for " + started.name();
    }

    /** Waits for what was started, in no thread: the outcome's future calls back. */
    final void await() {
        outcome(delivery()).whenComplete((outcome, failure) -> background(() -> {
            if (failure != null) {
                throw failure instanceof Exception e ? e : new IllegalStateException(failure);
            }
            settle(outcome);
        }));
    }

    private void settle(Delivery.Outcome outcome) throws Exception {
        if (finished) {
            return;
        }
        if (outcome instanceof Delivery.Outcome.Succeeded s) {
            Object value = succeeded(s);
            log("Kargo: " + describe(s));
            finish(value);
        } else if (outcome instanceof Delivery.Outcome.WaitingForDecision w) {
            openGate(GateKind.SIGN_OFF, new GateRequest(GateRequest.idFor(project(), stage()),
                    "Verification of Freight " + (started == null ? "" : started.freightAlias()) + " in stage "
                    + stage() + " waits for your sign-off"
                    + (w.verification() == null ? "" : " (" + w.verification() + ")") + ". Approve?",
                    submitters(w.approvers()), true));
        } else if (outcome instanceof Delivery.Outcome.Failed f) {
            ended(f);
            fail(new AbortException("Kargo: " + (started == null ? "" : started.name() + " ") + "failed"
                    + (f.failedAt() == null || f.failedAt().isEmpty() ? "" : " at " + f.failedAt()) + ": "
                    + f.message()));
        } else {
            ended(outcome);
            fail(new FlowInterruptedException(Result.ABORTED));
        }
    }

    private static String describe(Delivery.Outcome.Succeeded s) {
        return "succeeded" + (s.verification() == null ? "" : "; verification: " + s.verification());
    }

    /** Opens a Jenkins input and keeps it, so a restart shows it again. */
    final void openGate(GateKind kind, GateRequest request) throws Exception {
        log("Kargo: " + request.message() + (request.submitters().isEmpty() ? ""
                : " (may decide: " + String.join(", ", request.submitters()) + ")"));
        synchronized (this) {
            gateKind = kind;
            decidedWhileOpening = false;
        }
        Gate opened = gates.open(getContext(), request, this);
        synchronized (this) {
            if (!decidedWhileOpening) {
                gate = opened;
            }
        }
        getContext().saveState();
    }

    final List<String> submitters(List<String> approvers) {
        return submitter == null ? approvers
                : Arrays.stream(submitter.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The kind of the gate just decided; it waits no more. */
    private synchronized GateKind decided() {
        gate = null;
        decidedWhileOpening = true;
        return gateKind;
    }

    @Override
    public void approved(String approver) {
        GateKind kind = decided();
        background(() -> {
            log("Kargo: approved by " + (approver == null ? "an unknown user" : approver));
            if (kind == GateKind.ENTRY) {
                entryApproved(approver);
            } else {
                delivery().decide(project(), stage(), started.freight(), true, approver == null ? actor() : approver);
                await();
            }
        });
    }

    @Override
    public void rejected(String rejectedBy, Throwable cause) {
        GateKind kind = decided();
        if (finished) {
            return;
        }
        background(() -> {
            if (kind == GateKind.SIGN_OFF && rejectedBy != null) {
                log("Kargo: rejected by " + rejectedBy);
                delivery().decide(project(), stage(), started.freight(), false, rejectedBy);
                await();
            } else {
                if (rejectedBy != null) {
                    log("Kargo: rejected by " + rejectedBy + "; nothing was promoted");
                }
                fail(cause);
            }
        });
    }

    /** The engine, opened for this execution with the build's credentials on first use. */
    final synchronized Delivery delivery() {
        if (delivery == null) {
            try {
                delivery = source.open(getContext());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return delivery;
    }

    final SecretMask mask() {
        Delivery d = delivery;
        return d == null ? SecretMask.NONE : d.mask();
    }

    /** The build this step runs in. */
    final BuildRecord build() throws IOException, InterruptedException {
        return builds.of(getContext());
    }

    final String actor() throws IOException, InterruptedException {
        return build().actor();
    }

    final void log(String line) throws IOException, InterruptedException {
        TaskListener listener = getContext().get(TaskListener.class);
        listener.getLogger().println(mask().apply(line));
    }

    /** Runs work off the CPS thread; any exception fails the step. */
    final void background(Work work) {
        Timer.get().submit(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                fail(t);
            }
        });
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private void finish(Object value) {
        if (end()) {
            getContext().onSuccess(value);
        }
    }

    final void fail(Throwable t) {
        SecretMask mask = mask();
        if (end()) {
            getContext().onFailure(t instanceof IllegalArgumentException || t instanceof NoSuchElementException
                    || t instanceof CommandRefusedException
                    ? mask.apply(new AbortException("Kargo: " + t.getMessage())) : mask.apply(t));
        }
    }

    private synchronized boolean end() {
        if (finished) {
            return false;
        }
        finished = true;
        Delivery d = delivery;
        delivery = null;
        if (d != null) {
            try {
                d.close();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "closing the engine of " + getContext(), e);
            }
        }
        return true;
    }
}
