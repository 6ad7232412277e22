package io.jenkins.plugins.kargo.application;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kargo.application.command.Commands;
import io.jenkins.plugins.kargo.application.outcome.Outcomes;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.DeliveryLoop;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.DeliveryListener;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.FreightAliases;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.state.KargoStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engine as every face uses it (the {@code kargo} command, {@code kargo serve}'s web application, the Jenkins
 * plugin): {@link #commands()} change things, {@link #views()} show them, {@link #outcomes()} say how a promotion or
 * verification ended, without a thread per wait. A face holds no rule of its own ({@code docs/application.md}).
 *
 * <pre>{@code
 * try (Kargo kargo = Kargo.builder(stateDirectory).credentials(credentials).events(console).build()) {
 *     PromotionTicket ticket = kargo.commands().promote(project, "uat", FreightSelector.byAlias("icy-sparrow"), actor);
 *     kargo.outcomes().promotion(project, ticket.name()).thenAccept(...);
 * }
 * }</pre>
 */
public final class Kargo implements AutoCloseable {

    private final KargoEngine engine;
    private final EventSink events;
    private final Clock clock;
    private final Views views;
    private final Commands commands;
    private final Outcomes outcomes;

    private Kargo(KargoStore store, KargoEngine engine, EventSink events, Clock clock,
                  CredentialsProvider credentials) {
        this.engine = engine;
        this.events = events;
        this.clock = clock;
        this.views = new Views(store, engine, clock);
        this.outcomes = Outcomes.watching(store, engine, views);
        this.commands = new Commands(engine, views, outcomes, credentials);
    }

    /** The wiring of the engine over the state directory {@code stateDirectory} (created when missing). */
    public static Builder builder(Path stateDirectory) {
        return new Builder(stateDirectory);
    }

    public Commands commands() {
        return commands;
    }

    public Views views() {
        return views;
    }

    public Outcomes outcomes() {
        return outcomes;
    }

    /**
     * Starts the delivery loop ({@code kargo serve}, Jenkins): every project's warehouses discovered on their
     * interval, auto-promotion, and every stage's queue run, looking for work every {@code tick}.
     */
    public Loop startLoop(Duration tick) {
        DeliveryLoop loop = DeliveryLoop.start(engine, tick, events, clock);
        return new Loop() {
            @Override
            public void wake() {
                loop.wake();
            }

            @Override
            public void close() {
                loop.close();
            }
        };
    }

    /** A running delivery loop. Closing it interrupts what runs; the next loop resumes it. */
    public interface Loop extends AutoCloseable {

        /** Looks for work now rather than at the next tick (after an apply, a promotion or an approval). */
        void wake();

        @Override
        void close();
    }

    /** Stops the outcome watcher, closes the engine (its Kubernetes client, its notifier) and the store. */
    @Override
    public void close() {
        try {
            outcomes.close();
        } finally {
            engine.close();
        }
    }

    /** How the engine is wired: its ports, its Kubernetes client and its clock. */
    public static final class Builder {

        private final Path stateDirectory;
        private CredentialsProvider credentials = CredentialsProvider.NONE;
        private EventSink events = EventSink.NONE;
        private final List<DeliveryListener> listeners = new ArrayList<>();
        private Supplier<KubernetesClient> kubernetes;
        private Clock clock = Clock.systemUTC();
        private StepRegistry steps;

        private Builder(Path stateDirectory) {
            this.stateDirectory = stateDirectory;
        }

        /** Port: credentials by URL and kind (the CLI's {@code credentials.yaml}, Jenkins' credentials). Default: none. */
        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Port: where the engine reports what it does (the console, a build log). Default: nowhere. */
        public Builder events(EventSink events) {
            this.events = events;
            return this;
        }

        /** Port: hears every delivery event (promotions, verifications, approvals needed); may be given several times. */
        public Builder listener(DeliveryListener listener) {
            listeners.add(listener);
            return this;
        }

        /** The Kubernetes client, made on first use and closed with the engine. Default: from the usual kubeconfig. */
        public Builder kubernetes(Supplier<KubernetesClient> kubernetes) {
            this.kubernetes = kubernetes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Promotion steps instead of the built-in ones (tests of the faces). */
        public Builder steps(StepRegistry steps) {
            this.steps = steps;
            return this;
        }

        public Kargo build() {
            KargoStore store = KargoStore.open(stateDirectory, clock, FreightAliases.unseeded());
            try {
                KargoEngine.Builder engine = KargoEngine.builder(store).credentials(credentials).events(events)
                        .clock(clock);
                listeners.forEach(engine::listener);
                if (kubernetes != null) {
                    engine.kubernetes(kubernetes);
                }
                if (steps != null) {
                    engine.steps(steps);
                }
                return new Kargo(store, engine.build(), events, clock, credentials);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
    }
}
