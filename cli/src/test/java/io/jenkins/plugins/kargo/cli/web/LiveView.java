package io.jenkins.plugins.kargo.cli.web;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.outcome.Outcomes;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.application.view.ViewJson;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.GitOpsProject;
import io.jenkins.plugins.kargo.ui.api.FreightViewRoutes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code kargo serve}'s web application over a real engine, for the view's tests: the {@link GitOpsProject} (or
 * other Kargo YAML) applied, Freight stored as discovery would store it, dev's smoke check answered by a local HTTP
 * server, and the engine's delivery events on the page's event stream, as {@code kargo serve} wires them. There is no
 * delivery loop: a test runs a stage's queue when it wants the promotion to happen, so what is queued stays queued
 * (and can be aborted) until then.
 */
final class LiveView implements AutoCloseable {

    static final String ADMIN = "admin@example.com";
    static final String XSS = "<img src=x onerror=alert(1)>";

    final Kargo kargo;
    final WebServer server;
    final GitOpsProject project;
    /** Each user's token: the admin, {@code mallory} (no approver), and a user named {@link #XSS}. */
    final Map<String, String> tokens;
    /** The events the page was sent. */
    final List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
    private final HttpServer smoke;
    private final Path dir;
    private final Outcomes.Subscription subscription;

    private LiveView(Kargo kargo, WebServer server, GitOpsProject project, Map<String, String> tokens, HttpServer smoke,
                     Path dir) {
        this.kargo = kargo;
        this.server = server;
        this.project = project;
        this.tokens = tokens;
        this.smoke = smoke;
        this.dir = dir;
        this.subscription = kargo.outcomes().subscribe(event -> {
            events.add(event);
            server.publish("delivery", event);
        });
    }

    /** The {@link GitOpsProject}, its smoke check answered with 200. */
    static LiveView gitOps(Path dir) throws Exception {
        HttpServer smoke = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        smoke.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        smoke.start();
        GitOpsProject project = GitOpsProject.create(dir, "http://127.0.0.1:" + smoke.getAddress().getPort() + "/health",
                List.of(ADMIN));
        return start(dir, project.directory(), project, smoke);
    }

    /** Any Kargo YAML, such as the seed's example. */
    static LiveView of(Path dir, Path config) throws Exception {
        return start(dir, config, null, null);
    }

    private static LiveView start(Path dir, Path config, GitOpsProject project, HttpServer smoke) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String user : List.of(ADMIN, "mallory", XSS)) {
            tokens.put(user, Tokens.random(24));
        }
        Path file = dir.resolve("tokens.yaml");
        StringBuilder yaml = new StringBuilder();
        tokens.forEach((user, token) -> yaml.append('"').append(user).append("\": ").append(token).append('\n'));
        Files.writeString(file, yaml);
        Kargo kargo = Kargo.builder(dir.resolve("state")).build();
        try {
            kargo.commands().apply(ConfigInput.path(config), "alice");
            WebServer server = WebServer.start(InetAddress.getLoopbackAddress(), 0,
                    FreightViewRoutes.router(kargo, () -> { }), Tokens.read(file), List.of(), ViewJson.mapper(), null);
            return new LiveView(kargo, server, project, tokens, smoke, dir);
        } catch (ConfigException | IOException | RuntimeException e) {
            kargo.close();
            throw e;
        }
    }

    /** Stores a Freight of the project's image as discovery would, {@code minute} minutes after a fixed start. */
    Freight freight(String alias, int minute, String tag) {
        try (KargoStore store = KargoStore.open(dir.resolve("state"))) {
            return store.freight().create(GitOpsProject.PROJECT, new Freight("", alias, FreightOrigin.warehouse("images"),
                    Instant.parse("2026-12-04T10:00:00Z").plusSeconds(60L * minute), List.of(new FreightImage(
                    GitOpsProject.IMAGE, tag, "sha256:" + "0".repeat(60) + String.format("%04d", minute), Map.of(), "")),
                    List.of(), List.of(), List.of())).freight();
        }
    }

    /** Runs the stage's queued promotions and verifications here, as the delivery loop would. */
    void runQueue(String stage) {
        try {
            kargo.commands().runQueue(GitOpsProject.PROJECT, stage);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same in another thread: for a verification that waits for a person. */
    CompletableFuture<Void> runQueueMeanwhile(String stage) {
        return CompletableFuture.runAsync(() -> runQueue(stage));
    }

    String token(String user) {
        return tokens.get(user);
    }

    @Override
    public void close() {
        subscription.close();
        try {
            server.close();
        } finally {
            kargo.close();
            if (smoke != null) {
                smoke.stop(0);
            }
        }
    }
}
