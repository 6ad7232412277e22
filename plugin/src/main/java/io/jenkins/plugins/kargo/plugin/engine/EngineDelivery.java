package io.jenkins.plugins.kargo.plugin.engine;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.FreightRequest;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.controller.AppliedProject;
import io.jenkins.plugins.kargo.controller.ApplyResult;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.controller.WarehouseRefresh;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.plugin.credentials.SecretMask;
import io.jenkins.plugins.kargo.plugin.history.PastPromotion;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.verification.AnalysisPhase;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * {@link Delivery} over today's {@link KargoEngine}. A bridge until the application layer's commands and outcomes
 * are on main (docs/application.md): then this class becomes a translation onto them and loses its reads of the
 * store. It runs a stage's queue in its own thread (the engine's worker, never a Jenkins executor) and completes an
 * outcome when the queue has run it, or at once when the store already holds the end; a verification that waits for
 * a person is announced by the engine's {@code APPROVAL_NEEDED} event.
 */
final class EngineDelivery implements Delivery {

    private final KargoEngine engine;
    private final SecretMask mask;
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "Kargo delivery");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, CompletableFuture<Outcome>> waiting = new ConcurrentHashMap<>();

    EngineDelivery(KargoEngine engine, SecretMask mask) {
        this.engine = engine;
        this.mask = mask;
        engine.addListener(this::heard);
    }

    private void heard(DeliveryEvent event) {
        if (event.type() == DeliveryEvent.Type.APPROVAL_NEEDED) {
            for (Map.Entry<String, CompletableFuture<Outcome>> w : waiting.entrySet()) {
                if (w.getKey().equals(event.subject()) || w.getKey().startsWith(event.stage() + ".")) {
                    w.getValue().complete(new Outcome.WaitingForDecision(event.subject(), approvers(event.project())));
                }
            }
        }
    }

    @Override
    public Applied apply(java.nio.file.Path configuration, String actor) throws Exception {
        try {
            ApplyResult result = engine.apply(configuration, actor);
            return new Applied(result.projects().stream().map(AppliedProject::name).toList(),
                    result.warnings().stream().map(ConfigProblem::toString).toList());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the Kargo configuration has problems:\n" + e.problems().stream()
                    .map(ConfigProblem::toString).collect(Collectors.joining("\n")), e);
        }
    }

    @Override
    public StageGate gate(String project, String stage) throws Exception {
        KargoConfig config = engine.configuration(project);
        Stage target = stage(config, project, stage);
        return new StageGate(!config.autoPromotionEnabled(target), approvers(project));
    }

    /** The dashboard's {@code rbac.adminUsers} when its RBAC is on; empty: anyone who may build the job. */
    private List<String> approvers(String project) {
        try {
            return engine.configuration(project).dashboard().filter(d -> d.rbac().enabled())
                    .map(d -> d.rbac().adminUsers()).orElse(List.of());
        } catch (Exception e) {
            return List.of();
        }
    }

    private static Stage stage(KargoConfig config, String project, String stage) {
        return config.stage(project, stage).orElseThrow(() -> new NoSuchElementException("stage " + stage
                + " not found in project " + project + "; stages: " + config.stages(project).stream()
                .map(Stage::name).collect(Collectors.joining(", "))));
    }

    @Override
    public Started promote(String project, String stage, FreightChoice freight, String actor) throws Exception {
        String ref = switch (freight.kind()) {
            case NAME, ALIAS -> freight.value();
            case LATEST -> engine.candidate(project, stage, warehouse(project, stage, freight.value()));
            case ROLLBACK -> throw new IllegalArgumentException("a rollback is chosen from the job's history first");
        };
        Promotion promotion = engine.promote(project, stage, ref, actor);
        Freight f = freight(project, promotion.freight());
        runQueue(project, stage);
        return new Started(promotion.name(), f.name(), f.alias(), versions(f));
    }

    /** The warehouse {@code latest: true} takes from: the one named, else the stage's only one. */
    private String warehouse(String project, String stage, String named) throws Exception {
        if (!named.isEmpty()) {
            return named;
        }
        List<String> origins = stage(engine.configuration(project), project, stage).requestedFreight().stream()
                .map(FreightRequest::origin).map(o -> o.name()).distinct().toList();
        if (origins.size() != 1) {
            throw new IllegalArgumentException("stage " + stage + " requests Freight from " + origins
                    + ": say which with warehouse: 'NAME' beside latest: true");
        }
        return origins.get(0);
    }

    @Override
    public Started verify(String project, String stage, String actor) throws Exception {
        VerificationRun run = engine.verifyStage(project, stage, actor);
        String name = run.freight().values().stream().findFirst().orElse("");
        Freight f = freight(project, name);
        runQueue(project, stage);
        return new Started(run.name(), f.name(), f.alias(), versions(f));
    }

    private void runQueue(String project, String stage) {
        worker.submit(() -> {
            try {
                engine.runPromotions(project, stage);
            } catch (Exception e) {
                waiting.values().forEach(w -> w.completeExceptionally(e));
            }
            settleAll(project);
        });
    }

    @Override
    public CompletableFuture<Outcome> promotion(String project, String promotion) {
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        waiting.put(promotion, future);
        future.whenComplete((o, t) -> waiting.remove(promotion, future));
        settle(project, promotion, future);
        if (!future.isDone()) {
            engine.store().promotions().get(project, promotion).ifPresent(p -> runQueue(project, p.stage()));
        }
        return future;
    }

    @Override
    public CompletableFuture<Outcome> verification(String project, String verification) {
        return promotion(project, verification);
    }

    private void settleAll(String project) {
        waiting.forEach((name, future) -> settle(project, name, future));
    }

    /** Completes the future when the store holds the end of the promotion (and its verification) or verification. */
    private void settle(String project, String name, CompletableFuture<Outcome> future) {
        Optional<Promotion> promotion = engine.store().promotions().get(project, name);
        if (promotion.isPresent()) {
            Promotion p = promotion.get();
            if (!p.phase().isTerminal()) {
                return;
            }
            if (p.phase() != PromotionPhase.Succeeded) {
                future.complete(p.phase() == PromotionPhase.Aborted ? new Outcome.Aborted(p.actor())
                        : new Outcome.Failed(failedStep(p), mask.apply(p.message()), null));
                return;
            }
            Optional<VerificationRun> verification = engine.store().verifications().list(project, p.stage()).stream()
                    .filter(v -> name.equals(v.promotion())).findFirst();
            if (verification.isEmpty()) {
                future.complete(new Outcome.Succeeded(null, null));
            } else {
                settleVerification(verification.get(), future);
            }
            return;
        }
        engine.store().verifications().get(project, name).ifPresent(v -> settleVerification(v, future));
    }

    private void settleVerification(VerificationRun v, CompletableFuture<Outcome> future) {
        String summary = v.phase() + (v.message().isEmpty() ? "" : ": " + mask.apply(v.message()));
        if (v.phase() == VerificationPhase.Successful) {
            future.complete(new Outcome.Succeeded(summary, null));
        } else if (v.phase() == VerificationPhase.Aborted) {
            future.complete(new Outcome.Aborted(v.abortRequested()));
        } else if (v.phase() != VerificationPhase.Pending && v.phase() != VerificationPhase.Running) {
            String metric = v.metrics().stream().filter(m -> m.phase() != AnalysisPhase.SUCCESSFUL)
                    .map(m -> m.name()).findFirst().orElse("verification");
            future.complete(new Outcome.Failed(metric, mask.apply(v.message()), summary));
        }
    }

    private static String failedStep(Promotion p) {
        return p.steps().isEmpty() ? "" : p.steps().get(p.steps().size() - 1).alias();
    }

    @Override
    public void decide(String project, String stage, String freight, boolean approved, String actor) throws Exception {
        if (approved) {
            engine.approve(project, freight, stage, actor);
        } else {
            engine.reject(project, freight, stage, actor);
        }
    }

    @Override
    public void abortPromotion(String project, String promotion, String actor) {
        engine.abort(project, promotion, actor);
    }

    @Override
    public List<FoundFreight> discover(String project, String warehouse) throws Exception {
        KargoConfig config = engine.configuration(project);
        List<String> warehouses = warehouse != null ? List.of(warehouse)
                : config.warehouses(project).stream().map(Warehouse::name).toList();
        List<FoundFreight> found = new ArrayList<>();
        for (String w : warehouses) {
            WarehouseRefresh refresh = engine.refreshWarehouse(project, w);
            refresh.freight().filter(c -> c.created()).map(c -> c.freight())
                    .ifPresent(f -> found.add(new FoundFreight(w, f.name(), f.alias(), versions(f))));
        }
        return found;
    }

    @Override
    public int rollbackTarget(String project, String stage, List<PastPromotion> newestFirst) {
        return rollbackTarget(newestFirst, engine.store().stages().status(project, stage).current()
                .flatMap(c -> c.items().values().stream().findFirst()));
    }

    /** The newest successful promotion whose Freight the stage does not hold now, or -1. */
    static int rollbackTarget(List<PastPromotion> newestFirst, Optional<String> current) {
        for (int i = 0; i < newestFirst.size(); i++) {
            PastPromotion p = newestFirst.get(i);
            if (p.succeeded() && current.map(c -> !c.equals(p.freight())).orElse(true)) {
                return i;
            }
        }
        return -1;
    }

    private Freight freight(String project, String ref) {
        return engine.store().freight().byName(project, ref).or(() -> engine.store().freight().byAlias(project, ref))
                .orElseThrow(() -> new NoSuchElementException("Freight " + ref + " not found in project " + project));
    }

    private static Map<String, String> versions(Freight f) {
        Map<String, String> v = new LinkedHashMap<>();
        f.images().forEach(i -> v.put(i.repoURL(), i.tag()));
        f.charts().forEach(c -> v.put(c.name() == null || c.name().isEmpty() ? c.repoURL() : c.name(), c.version()));
        f.commits().forEach(c -> v.put(c.repoURL(), c.tag() == null || c.tag().isEmpty() ? c.id() : c.tag()));
        f.artifacts().forEach(a -> v.put(a.subscriptionName(), a.version()));
        return v;
    }

    @Override
    public SecretMask mask() {
        return mask;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        engine.close();
    }
}
