package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.application.Kargo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kargo serve [--tick DURATION]}: the delivery loop ({@link Kargo#startLoop}) in the foreground, its events on standard error,
 * until SIGINT or SIGTERM (or, embedded, until its thread is interrupted). A shutdown hook stops the loop and closes
 * the engine before the JVM goes; a promotion or verification it interrupts stays Running in the state and is run
 * again by the next loop (or {@code kargo refresh stage}).
 */
@Command(name = "serve", description = {"Run the delivery loop until stopped (Ctrl-C).",
        "For every project in the state: discover each warehouse on its interval,",
        "make Freight, auto-promote where the project allows it, and run queued",
        "promotions and verifications. Its web UI comes with a later release."})
final class ServeCommand implements Callable<Integer> {

    /** How long a signal waits for the loop to stop before the JVM goes anyway (the loop waits 30s per pool). */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(90);

    /** Not {@link GlobalOptions}: the loop runs every project in the state. */
    @Mixin
    StateOption state;

    @Spec
    CommandSpec spec;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "10s", converter = GoDurationOption.class,
            description = "How often the loop looks for work, as Go writes durations (10s, 1m). Default: ${DEFAULT-VALUE}.")
    Duration tick;

    @Override
    @SuppressWarnings("try") // the loop runs in its own threads; the try only closes it before the engine
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ConsoleEvents console = new ConsoleEvents(err);
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean clean = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                if (stopped.await(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS) && clean.get()) {
                    // stopped cleanly: exit 0 rather than the JVM's 130/143 for a signal
                    Runtime.getRuntime().halt(ExitCodes.OK);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kargo-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            try (Kargo kargo = Engines.open(state.directory(), console);
                 Kargo.Loop loop = kargo.startLoop(tick)) {
                List<String> projects = kargo.views().projects();
                console.info("kargo serve: delivery loop over " + state.directory() + (projects.isEmpty()
                        ? " (no project yet: `kargo apply -f DIR` and the next tick picks it up)"
                        : " (projects: " + String.join(", ", projects) + ")")
                        + ", looking for work every " + GoDurationOption.text(tick) + "; stop with Ctrl-C");
                try {
                    stopRequested.await();
                } catch (InterruptedException e) {
                    interrupted = true; // stopped by whoever runs this thread; closing below must not be cut short
                }
                console.info("stopping");
            }
            console.info("stopped");
            clean.set(true);
            return ExitCodes.OK;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
