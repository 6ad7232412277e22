package io.jenkins.plugins.kargo.plugin.engine;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.ApplyResult;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.command.PromotionTicket;
import io.jenkins.plugins.kargo.application.command.VerificationTicket;
import io.jenkins.plugins.kargo.application.command.WarehouseRefreshResult;
import io.jenkins.plugins.kargo.application.outcome.DeliveryOutcome;
import io.jenkins.plugins.kargo.application.view.FreightCard;
import io.jenkins.plugins.kargo.application.view.FreightFilter;
import io.jenkins.plugins.kargo.application.view.FreightRef;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.PromotionDetail;
import io.jenkins.plugins.kargo.application.view.VerificationDetail;
import io.jenkins.plugins.kargo.plugin.config.GitProjectSource;
import io.jenkins.plugins.kargo.plugin.credentials.SecretMask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@link Delivery} translated onto the application layer ({@code docs/application.md}): each call is one command,
 * view or outcome of {@link Kargo}, and each answer is copied into the plugin's own small records. What a step
 * queues runs here, in the stage's queue on a thread of this delivery (never a Jenkins executor), with the build's
 * credentials; the step waits on the outcome, which the engine completes as the promotion and its verification end.
 */
final class KargoDelivery implements Delivery {

    private static final Logger LOGGER = Logger.getLogger(KargoDelivery.class.getName());

    private final Kargo kargo;
    private final SecretMask mask;
    /** One thread, so the engine is closed after the queue runs this delivery started, never in the middle. */
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "Kargo stage queue");
        t.setDaemon(true);
        return t;
    });
    /** Fails every wait of this delivery when running a stage's queue failed (the promotion would never settle). */
    private final CompletableFuture<Outcome> queueFailed = new CompletableFuture<>();

    KargoDelivery(Kargo kargo, SecretMask mask) {
        this.kargo = kargo;
        this.mask = mask;
    }

    @Override
    public Applied apply(Path configuration, String actor) {
        return apply(ConfigInput.path(configuration), actor);
    }

    @Override
    public Applied apply(GitProjectSource source, String actor) {
        return apply(ConfigInput.git(source.getRepoURL(), source.getBranch(), source.getPath()), actor);
    }

    private Applied apply(ConfigInput input, String actor) {
        try {
            ApplyResult result = kargo.commands().apply(input, actor);
            return new Applied(result.projects().stream().map(ApplyResult.AppliedProject::name).toList(),
                    result.warnings().stream().map(ConfigProblem::toString).toList());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the Kargo configuration has problems:\n" + e.problems().stream()
                    .map(ConfigProblem::toString).collect(Collectors.joining("\n")), e);
        }
    }

    @Override
    public StageGate gate(String project, String stage) throws ConfigException {
        io.jenkins.plugins.kargo.application.view.Gate gate = kargo.views().gate(project, stage);
        return new StageGate(gate.manual(), gate.approvers());
    }

    @Override
    public Started promote(String project, String stage, FreightChoice freight, String actor)
            throws ConfigException {
        FreightSelector selector = switch (freight.kind()) {
            case NAME -> FreightSelector.byName(freight.value());
            case ALIAS -> FreightSelector.byAlias(freight.value());
            case LATEST -> freight.value().isEmpty() ? FreightSelector.newestAvailable()
                    : FreightSelector.newestFrom(freight.value());
            case ROLLBACK -> throw new IllegalArgumentException("a rollback is chosen from the job's history first");
        };
        return started(kargo.commands().promote(project, stage, selector, actor));
    }

    @Override
    public Started rollback(String project, String stage, String freight, String actor) throws ConfigException {
        return started(kargo.commands().rollback(project, stage, Optional.of(FreightSelector.byName(freight)), actor));
    }

    private Started started(PromotionTicket ticket) throws ConfigException {
        runQueue(ticket.project(), ticket.stage());
        return started(ticket.project(), ticket.name(), ticket.freight());
    }

    @Override
    public Started verify(String project, String stage, String actor) throws ConfigException {
        VerificationTicket ticket = kargo.commands().verify(project, stage, actor);
        runQueue(project, stage);
        return started(project, ticket.name(), ticket.freight().stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("stage " + stage + " holds no Freight to verify")));
    }

    private Started started(String project, String name, FreightRef freight) throws ConfigException {
        Map<String, String> versions = new LinkedHashMap<>();
        for (FreightCard card : kargo.views().timeline(project, new FreightFilter(Optional.empty(),
                List.of(freight.name())), 0, 1).freight()) {
            card.artifacts().forEach(a -> versions.put(a.repository(), a.version()));
        }
        return new Started(name, freight.name(), freight.alias(), versions);
    }

    /** Runs the stage's queue on this delivery's thread; another thread or process may run it already. */
    private void runQueue(String project, String stage) {
        queue.execute(() -> {
            try {
                kargo.commands().runQueue(project, stage);
            } catch (Exception e) {
                queueFailed.completeExceptionally(e);
            }
        });
    }

    @Override
    public CompletableFuture<Outcome> promotion(String project, String promotion) {
        CompletableFuture<DeliveryOutcome> outcome = kargo.outcomes().promotion(project, promotion);
        if (!outcome.isDone()) {
            // asked again after a restart: the promotion may wait in a queue nobody runs now
            runQueue(project, kargo.views().promotion(project, promotion).stage());
        }
        return outcome.thenApply(this::translate).applyToEither(queueFailed, o -> o);
    }

    @Override
    public CompletableFuture<Outcome> verification(String project, String verification) {
        CompletableFuture<DeliveryOutcome> outcome = kargo.outcomes().verification(project, verification);
        if (!outcome.isDone()) {
            runQueue(project, kargo.views().verification(project, verification).stage());
        }
        return outcome.thenApply(this::translate).applyToEither(queueFailed, o -> o);
    }

    /** The application layer's outcome in the steps' words, every secret masked. */
    private Outcome translate(DeliveryOutcome outcome) {
        String verification = outcome.verification().map(v -> mask.apply(v.phase()
                + (v.message().isEmpty() ? "" : ": " + v.message()))).orElse(null);
        if (outcome instanceof DeliveryOutcome.Succeeded) {
            return new Outcome.Succeeded(verification, outcome.promotion().map(PromotionDetail::steps)
                    .orElse(List.of()).stream().map(s -> mask.apply(s.alias() + ": " + s.message())).toList());
        }
        if (outcome instanceof DeliveryOutcome.Failed failed) {
            return new Outcome.Failed(failed.failedAt(), mask.apply(failed.message()), verification);
        }
        if (outcome instanceof DeliveryOutcome.WaitingForDecision waiting) {
            return new Outcome.WaitingForDecision(waiting.verification().map(VerificationDetail::name).orElse(null),
                    waiting.gate().approvers());
        }
        return new Outcome.Aborted(mask.apply(((DeliveryOutcome.Aborted) outcome).message()));
    }

    @Override
    public void decide(String project, String stage, String freight, boolean approved, String actor)
            throws ConfigException {
        if (approved) {
            kargo.commands().approve(project, stage, FreightSelector.byName(freight), actor);
        } else {
            kargo.commands().reject(project, stage, FreightSelector.byName(freight), actor);
        }
    }

    @Override
    public void abortPromotion(String project, String promotion, String actor) {
        kargo.commands().abortPromotion(project, promotion, actor);
    }

    @Override
    public List<FoundFreight> discover(String project, String warehouse) throws ConfigException {
        List<FoundFreight> found = new ArrayList<>();
        for (WarehouseRefreshResult result : kargo.commands().refresh(project, Optional.ofNullable(warehouse))) {
            if (result.created() && result.freight().isPresent()) {
                Started freight = started(project, "", result.freight().get());
                found.add(new FoundFreight(result.warehouse(), freight.freight(), freight.freightAlias(),
                        freight.versions()));
            }
        }
        return found;
    }

    @Override
    public Optional<String> rollbackTarget(String project, String stage, List<String> newestFirst)
            throws ConfigException {
        return kargo.views().rollbackTarget(project, stage, newestFirst).map(FreightRef::name);
    }

    @Override
    public SecretMask mask() {
        return mask;
    }

    /** Closes the engine once the queue runs already started have ended: closing never interrupts a promotion. */
    @Override
    public void close() {
        queue.execute(() -> {
            try {
                kargo.close();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "closing the Kargo engine", e);
            }
        });
        queue.shutdown();
    }
}
