package io.jenkins.plugins.kargo.notifications;

import io.jenkins.plugins.kargo.api.DashboardConfig;
import io.jenkins.plugins.kargo.api.SecretValue;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.credentials.HttpAuthorization;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.DeliveryListener;
import io.jenkins.plugins.kargo.events.EventSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Tells the dashboard's webhooks about delivery events, for the projects the dashboard lists:
 * <ul>
 *   <li>{@code notifications.slack}: a Slack message for every event but {@code VERIFICATION_SUCCEEDED} (the
 *       promotion's success was already told; the failures, approvals and rollbacks are what people act on);</li>
 *   <li>{@code notifications.webhook}: every event, as JSON ({@link DeliveryPayload#json}).</li>
 * </ul>
 * {@link #on} only queues the event: the dashboard is read and the webhooks are called on the notifier's own
 * threads, one event after the other so messages arrive in order. A failure is reported to the {@link EventSink},
 * naming the webhook's host only. {@link #close()} waits a little for what is queued.
 */
public final class WebhookNotifier implements DeliveryListener, AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final DashboardSource dashboards;
    private final CredentialsProvider credentials;
    private final EventSink events;
    private final ScheduledExecutorService executor;
    private final WebhookClient client;
    private CompletableFuture<Void> queue = CompletableFuture.completedFuture(null);
    private boolean closed;

    /** Notifies from the given dashboard settings (for {@code kargo serve} or Jenkins, which hold them). */
    public WebhookNotifier(DashboardConfig dashboard, EventSink events) {
        this(project -> Optional.of(dashboard).filter(d -> d.shows(project)), events, WebhookClient.Policy.DEFAULT);
    }

    WebhookNotifier(DashboardSource dashboards, EventSink events, WebhookClient.Policy policy) {
        this(dashboards, events, policy, CredentialsProvider.NONE);
    }

    WebhookNotifier(DashboardSource dashboards, EventSink events, WebhookClient.Policy policy,
                    CredentialsProvider credentials) {
        this.credentials = credentials;
        this.dashboards = dashboards;
        this.events = events;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "kargo-notifications");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        this.client = new WebhookClient(executor, policy, events);
    }

    /**
     * Notifies from the dashboard ConfigMap file recorded for each project at {@code kargo apply}, read again for
     * each event.
     *
     * @param dashboardFile the project's recorded dashboard file, if any (the store's
     *                      {@code configurations().dashboardFile})
     */
    public static WebhookNotifier reading(Function<String, Optional<Path>> dashboardFile, EventSink events) {
        return reading(dashboardFile, events, CredentialsProvider.NONE);
    }

    /**
     * As {@link #reading(Function, EventSink)}, each webhook's {@code generic} credentials found by its URL as the
     * dashboard writes it ({@link #target}).
     */
    public static WebhookNotifier reading(Function<String, Optional<Path>> dashboardFile, EventSink events,
                                          CredentialsProvider credentials) {
        return new WebhookNotifier(new RecordedDashboard(dashboardFile, events), events, WebhookClient.Policy.DEFAULT,
                credentials);
    }

    @Override
    public synchronized void on(DeliveryEvent event) {
        if (closed) {
            return;
        }
        queue = queue.thenComposeAsync(done -> send(event), executor).exceptionally(e -> {
            events.warn("notification of " + describe(event) + " failed: " + e.getMessage());
            return null;
        });
    }

    /**
     * Waits until every event queued so far has been sent or given up.
     *
     * @return false when the time ran out first
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = queue;
        }
        try {
            pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // reported where it failed
        }
    }

    /** Stops taking events and waits (up to ten seconds) for those queued, then stops the threads. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            if (!flush(CLOSE_WAIT)) {
                events.warn("notifications still being sent after " + CLOSE_WAIT.toSeconds() + "s were abandoned");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
        }
    }

    private CompletableFuture<Void> send(DeliveryEvent event) {
        Optional<DashboardConfig> dashboard = dashboards.forProject(event.project());
        if (dashboard.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        dashboard.get().slack().filter(DashboardConfig.Slack::enabled)
                .filter(slack -> event.type() != DeliveryEvent.Type.VERIFICATION_SUCCEEDED)
                .ifPresent(slack -> posts.add(post(slack.webhook(), DeliveryPayload.slack(event),
                        "Slack notification of " + describe(event))));
        dashboard.get().webhook().filter(DashboardConfig.Webhook::enabled)
                .ifPresent(webhook -> posts.add(post(webhook.url(), DeliveryPayload.json(event),
                        "webhook notification of " + describe(event))));
        return CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> post(SecretValue url, String json, String what) {
        Target target = target(url);
        return client.post(target.url(), target.authorization(), json, what);
    }

    /** Where a webhook is sent and with which {@code Authorization} header. */
    record Target(SecretValue url, Optional<String> authorization) {
    }

    /**
     * The webhook's {@code generic} credentials from the port, found by its URL as the dashboard writes it: a token
     * that is itself an http(s) URL is the webhook's real URL (Slack's incoming-webhook URL is the secret, so the
     * dashboard may keep a placeholder such as the seed's {@code https://hooks.slack.com/services/YOUR/WEBHOOK/URL});
     * any other token is sent as a Bearer token, a username and password as Basic.
     */
    Target target(SecretValue url) {
        Optional<Credentials> found = credentials.find(url.reveal(), CredentialKind.generic);
        if (found.orElse(null) instanceof Credentials.Token token && token.token().matches("(?i)https?://\\S+")) {
            return new Target(new SecretValue(token.token()), Optional.empty());
        }
        return new Target(url, found.flatMap(HttpAuthorization::header));
    }

    private static String describe(DeliveryEvent event) {
        return event.type() + " in " + event.project() + "/" + event.stage();
    }
}
