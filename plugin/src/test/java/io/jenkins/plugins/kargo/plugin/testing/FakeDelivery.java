package io.jenkins.plugins.kargo.plugin.testing;

import io.jenkins.plugins.kargo.plugin.credentials.SecretMask;
import io.jenkins.plugins.kargo.plugin.engine.Delivery;
import io.jenkins.plugins.kargo.plugin.engine.FreightChoice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The engine as a test drives it: it records every call, and the test completes each outcome when it likes. Opened
 * through {@link #SOURCE}, as a step execution opens the engine, and reopened (a new instance, the same recorded
 * outcomes) after the execution is read back as after a restart.
 */
public final class FakeDelivery implements Delivery {

    private static final Map<String, CompletableFuture<Outcome>> OUTCOMES = new ConcurrentHashMap<>();
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger OPENED = new AtomicInteger();
    private static final AtomicInteger CLOSED = new AtomicInteger();
    private static volatile StageGate gate = new StageGate(false, List.of());
    private static volatile SecretMask mask = SecretMask.NONE;
    private static volatile String rollbackTo;
    private static volatile Exception promoteFailure;

    /** Opens a fresh {@link FakeDelivery} over the shared recordings. */
    public enum Source implements Delivery.Source {
        FAKE;

        @Override
        public Delivery open(StepContext context) {
            OPENED.incrementAndGet();
            return new FakeDelivery();
        }
    }

    public static final Source SOURCE = Source.FAKE;

    public static void reset() {
        OUTCOMES.clear();
        CALLS.clear();
        OPENED.set(0);
        CLOSED.set(0);
        gate = new StageGate(false, List.of());
        mask = SecretMask.NONE;
        rollbackTo = null;
        promoteFailure = null;
    }

    public static void gate(boolean manual, String... approvers) {
        gate = new StageGate(manual, List.of(approvers));
    }

    public static void secrets(String... secrets) {
        mask = new SecretMask(Set.of(secrets));
    }

    /** The engine's choice of a rollback target, if any, among the candidates it is given. */
    public static void rollbackTo(String freight) {
        rollbackTo = freight;
    }

    public static void failPromotionWith(Exception e) {
        promoteFailure = e;
    }

    /** The future of a promotion's or verification's outcome, to complete. */
    public static CompletableFuture<Outcome> outcome(String name) {
        return OUTCOMES.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    public static List<String> calls() {
        return List.copyOf(CALLS);
    }

    public static int opened() {
        return OPENED.get();
    }

    public static int closed() {
        return CLOSED.get();
    }

    /** Records the files it was given (relative, sorted); refuses a file named {@code invalid.yaml}. */
    @Override
    public Applied apply(java.nio.file.Path configuration, String actor) throws Exception {
        List<String> files;
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(configuration)) {
            files = walk.filter(java.nio.file.Files::isRegularFile).map(f -> configuration.relativize(f).toString())
                    .sorted().toList();
        }
        CALLS.add("apply " + files + " as " + actor);
        if (files.contains("invalid.yaml")) {
            throw new IllegalArgumentException("the Kargo configuration has problems:\n" + configuration
                    + "/invalid.yaml:2: spec.subscriptions is required; fix: add a subscription");
        }
        return new Applied(List.of("myapp"), List.of(configuration + "/stages/uat.yaml:9: warning: the range also "
                + "admits alpha pre-releases"));
    }

    /** Records the source; refuses a branch named {@code broken}. */
    @Override
    public Applied apply(io.jenkins.plugins.kargo.plugin.config.GitProjectSource source, String actor) {
        CALLS.add("apply " + source.getRepoURL() + "@" + source.getBranch() + ":" + source.getPath() + " as " + actor);
        if (source.getBranch().equals("broken")) {
            throw new IllegalArgumentException("the Kargo configuration has problems:\n" + source.getRepoURL()
                    + "@broken:kargo/warehouse.yaml:1: missing required field 'spec'");
        }
        return new Applied(List.of("myapp"), List.of());
    }

    @Override
    public StageGate gate(String project, String stage) {
        CALLS.add("gate " + project + "/" + stage);
        return gate;
    }

    @Override
    public Started promote(String project, String stage, FreightChoice freight, String actor) throws Exception {
        CALLS.add("promote " + project + "/" + stage + " " + freight.kind() + ":" + freight.value() + " as " + actor);
        if (promoteFailure != null) {
            throw promoteFailure;
        }
        String name = stage + ".01.abc1234";
        return new Started(name, "abc1234def", "icy-sparrow", Map.of("harbor.example.com/services/user-service",
                "v1.2.3"));
    }

    @Override
    public Started verify(String project, String stage, String actor) {
        CALLS.add("verify " + project + "/" + stage + " as " + actor);
        return new Started(stage + ".v01.abc1234", "abc1234def", "icy-sparrow", Map.of());
    }

    @Override
    public CompletableFuture<Outcome> promotion(String project, String promotion) {
        CALLS.add("await " + promotion);
        CompletableFuture<Outcome> recorded = outcome(promotion);
        CompletableFuture<Outcome> copy = new CompletableFuture<>();
        recorded.whenComplete((o, t) -> {
            if (t != null) {
                copy.completeExceptionally(t);
            } else {
                copy.complete(o);
            }
        });
        return copy;
    }

    @Override
    public CompletableFuture<Outcome> verification(String project, String verification) {
        return promotion(project, verification);
    }

    @Override
    public void decide(String project, String stage, String freight, boolean approved, String actor) {
        CALLS.add((approved ? "approve " : "reject ") + project + "/" + stage + " " + freight + " by " + actor);
    }

    @Override
    public void abortPromotion(String project, String promotion, String actor) {
        CALLS.add("abort " + promotion + " by " + actor);
    }

    @Override
    public List<FoundFreight> discover(String project, String warehouse) {
        CALLS.add("discover " + project + "/" + warehouse);
        return List.of(new FoundFreight("services-warehouse", "abc1234def", "icy-sparrow",
                Map.of("harbor.example.com/services/user-service", "v1.2.3-alpha.1")));
    }

    /** Records the candidates; answers the choice set by {@link #rollbackTo} when it is among them. */
    @Override
    public Optional<String> rollbackTarget(String project, String stage, List<String> newestFirst) {
        CALLS.add("rollbackTarget " + project + "/" + stage + " of " + newestFirst);
        return Optional.ofNullable(rollbackTo).filter(newestFirst::contains);
    }

    @Override
    public Started rollback(String project, String stage, String freight, String actor) {
        CALLS.add("rollback " + project + "/" + stage + " to " + freight + " as " + actor);
        return new Started(stage + ".01.abc1234", freight, "old-fox", Map.of());
    }

    @Override
    public SecretMask mask() {
        return mask;
    }

    @Override
    public void close() {
        CLOSED.incrementAndGet();
    }
}
