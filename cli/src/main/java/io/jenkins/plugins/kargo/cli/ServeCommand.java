package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.view.ViewJson;
import io.jenkins.plugins.kargo.cli.web.Tokens;
import io.jenkins.plugins.kargo.cli.web.WebServer;
import io.jenkins.plugins.kargo.ui.api.FreightViewRoutes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * {@code kargo serve [--tick DURATION] [--address HOST] [--port N] [--tokens FILE]}: the delivery loop ({@link Kargo#startLoop}) and
 * the Freight view's web application ({@link WebServer}) in the foreground, its events on standard error, until SIGINT or
 * SIGTERM (or, embedded, until its thread is interrupted). A shutdown hook stops the loop and closes the engine before
 * the JVM goes; a promotion or verification it interrupts stays Running in the state and is run again by the next
 * loop (or {@code kargo refresh stage}).
 */
@Command(name = "serve", description = {"Run the delivery loop and the Freight view until stopped (Ctrl-C).",
        "For every project in the state: discover each warehouse on its interval,",
        "make Freight, auto-promote where the project allows it, and run queued",
        "promotions and verifications. The Freight view and its JSON API listen on",
        "127.0.0.1 unless --address says otherwise; writes need a token, which is",
        "printed at start-up unless --tokens names a file of them."})
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

    @Option(names = "--address", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address the web application listens on. Default: ${DEFAULT-VALUE}. Another address "
                    + "lets other machines in: reads then need a token too; put TLS in front.")
    String address;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "The web application's port; 0 for any free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "A YAML file of `user: token` lines: who may write, each named by a token of at least 16 "
                    + "characters. Default: one token for you ($KARGO_ACTOR or your login), made and printed now.")
    Path tokens;

    @Option(names = "--allowed-origin", paramLabel = "URL",
            description = "Another origin whose pages may write (a proxy's public address, https://kargo.example.com); repeatable.")
    List<String> allowedOrigins = List.of();

    @Option(names = "--banner", paramLabel = "TEXT", description = "A line the Freight view shows on every page (the demo says its cluster is simulated).")
    Optional<String> banner;

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
            InetAddress listen = address(address);
            Tokens.Generated generated = tokens == null ? Tokens.generate(Actor.current()) : null;
            Tokens writers = generated != null ? generated.tokens() : tokens(tokens);
            try (Kargo kargo = Engines.open(state.directory(), console);
                 Kargo.Loop loop = kargo.startLoop(tick);
                 WebServer web = WebServer.start(listen, port, FreightViewRoutes.router(kargo, loop::wake), writers,
                         allowedOrigins, ViewJson.mapper(), banner.orElse(null));
                 var delivery = kargo.outcomes().subscribe(event -> web.publish("delivery", event))) {
                List<String> projects = kargo.views().projects();
                console.info("kargo serve: delivery loop over " + state.directory() + (projects.isEmpty()
                        ? " (no project yet: `kargo apply -f DIR` and the next tick picks it up)"
                        : " (projects: " + String.join(", ", projects) + ")")
                        + ", looking for work every " + GoDurationOption.text(tick) + "; stop with Ctrl-C");
                if (!listen.isLoopbackAddress()) {
                    console.warn("the web application listens on " + listen.getHostAddress() + ", which other machines "
                            + "may reach: reads from them need a token, and tokens cross the network in clear text "
                            + "unless TLS is put in front");
                }
                console.info("kargo serve: the Freight view at " + web.uri());
                if (generated != null) {
                    console.info("kargo serve: write token for " + generated.user() + ": " + generated.token()
                            + " (Sign in on the page with it, or send `Authorization: Bearer TOKEN`)");
                } else {
                    console.info("kargo serve: writes need a token of " + tokens + " (users: "
                            + String.join(", ", writers.users()) + ")");
                }
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
        } catch (InterruptedIOException e) {
            // stopped before the web server was up: a stop like any other
            interrupted = true;
            console.info("stopped");
            clean.set(true);
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILED, "kargo serve: " + e.getMessage());
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

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--address " + host + ": no such address on this machine");
        }
    }

    private static Tokens tokens(Path file) {
        try {
            return Tokens.read(file);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--tokens " + file + ": cannot read it (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
    }
}
