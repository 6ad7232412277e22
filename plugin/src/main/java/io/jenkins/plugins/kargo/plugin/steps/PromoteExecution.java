package io.jenkins.plugins.kargo.plugin.steps;

import hudson.AbortException;
import io.jenkins.plugins.kargo.plugin.engine.Delivery;
import io.jenkins.plugins.kargo.plugin.engine.FreightChoice;
import io.jenkins.plugins.kargo.plugin.gate.Gate;
import io.jenkins.plugins.kargo.plugin.gate.GateRequest;
import io.jenkins.plugins.kargo.plugin.history.BuildRecord;
import io.jenkins.plugins.kargo.plugin.history.PastPromotion;
import io.jenkins.plugins.kargo.plugin.history.PromotionAction;
import io.jenkins.plugins.kargo.plugin.history.PromotionHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code kargoPromote}'s execution: chooses the Freight (from the job's history for a rollback), passes the stage's
 * gate, promotes, and waits for the promotion and its verification; records a {@link PromotionAction} on the build.
 */
public final class PromoteExecution extends DeliveryExecution {

    private static final long serialVersionUID = 1L;

    private final FreightChoice choice;
    /** For a rollback, the Freight chosen from the job's history, and the build that promoted it. */
    private String rollbackTo;
    private Integer rolledBackFrom;
    private String approvedBy;

    public PromoteExecution(StepContext context, PromoteRequest request, Delivery.Source source, Gate.Opener gates,
                     BuildRecord.Access builds) {
        super(context, request.project(), request.stage(), request.submitter(), source, gates, builds);
        this.choice = request.freight();
    }

    @Override
    void begin() throws Exception {
        if (choice.kind() == FreightChoice.Kind.ROLLBACK && rollbackTo == null) {
            chooseFromHistory();
        }
        Delivery.StageGate gate = delivery().gate(project(), stage());
        if (gate.manual()) {
            openGate(GateKind.ENTRY, new GateRequest(GateRequest.idFor(project(), stage()), (rollbackTo == null
                    ? "Promote " + choice.describe() + " into stage " + stage()
                    : "Roll stage " + stage() + " back to Freight " + rollbackTo + " (promoted by build #"
                    + rolledBackFrom + ")") + " of project " + project() + "?", submitters(gate.approvers()), false));
        } else {
            promote(actor());
        }
    }

    /**
     * The Freight of an earlier successful promotion into the stage in this job, as the engine chooses among them
     * (the job's builds are read here, the rule is the engine's), and which build made it.
     */
    private void chooseFromHistory() throws Exception {
        BuildRecord build = build();
        List<PastPromotion> succeeded = PromotionHistory.of(build.history(), project(), stage(), build.number())
                .stream().filter(PastPromotion::succeeded).toList();
        Optional<String> target = delivery().rollbackTarget(project(), stage(),
                succeeded.stream().map(PastPromotion::freight).distinct().toList());
        if (target.isEmpty()) {
            throw new AbortException("Kargo: nothing to roll back to: no earlier build of this job promoted "
                    + "another Freight that stage " + stage() + " held into it successfully");
        }
        PastPromotion from = succeeded.stream().filter(p -> p.freight().equals(target.get())).findFirst()
                .orElseThrow();
        rolledBackFrom = from.build();
        rollbackTo = from.freight();
        log("Kargo: rolling back stage " + stage() + " to Freight " + from.freightAlias() + " (" + from.freight()
                + "), promoted by build #" + from.build() + " (" + from.buildUrl() + ")");
    }

    @Override
    void entryApproved(String approver) throws Exception {
        approvedBy = approver;
        promote(approver == null ? actor() : approver);
    }

    private void promote(String actor) throws Exception {
        started = rollbackTo != null ? delivery().rollback(project(), stage(), rollbackTo, actor)
                : delivery().promote(project(), stage(), choice, actor);
        PromotionAction action = new PromotionAction(project(), stage(), started.name(), started.freight(),
                started.freightAlias(), started.versions(), rolledBackFrom);
        if (approvedBy != null) {
            action.approvedBy(approvedBy);
        }
        build().add(action);
        getContext().saveState();
        log("Kargo: promotion " + started.name() + " of Freight " + started.freightAlias() + " (" + started.freight()
                + ") into stage " + stage() + ": " + started.versions());
        await();
    }

    @Override
    CompletableFuture<Delivery.Outcome> outcome(Delivery delivery) {
        return delivery.promotion(project(), started.name());
    }

    @Override
    public void approved(String approver) {
        if (started != null && approver != null) {
            action().ifPresent(a -> a.approvedBy(approver));
        }
        super.approved(approver);
    }

    @Override
    Object succeeded(Delivery.Outcome.Succeeded outcome) throws Exception {
        record(PromotionAction.Result.SUCCEEDED, outcome.verification(), outcome.steps(), null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("promotion", started.name());
        result.put("stage", stage());
        result.put("freight", started.freight());
        result.put("freightAlias", started.freightAlias());
        result.put("versions", new LinkedHashMap<>(started.versions()));
        result.put("steps", new ArrayList<>(outcome.steps()));
        result.put("verification", outcome.verification());
        result.put("approvedBy", action().map(PromotionAction::getApprovedBy).orElse(null));
        result.put("rolledBackFrom", rolledBackFrom);
        return result;
    }

    @Override
    void ended(Delivery.Outcome outcome) throws Exception {
        if (outcome instanceof Delivery.Outcome.Failed f) {
            record(PromotionAction.Result.FAILED, f.verification(), List.of(),
                    mask().apply((f.failedAt() == null ? "" : f.failedAt() + ": ") + f.message()));
        } else if (outcome instanceof Delivery.Outcome.Aborted a) {
            record(PromotionAction.Result.ABORTED, null, List.of(), a.message().isEmpty() ? "aborted" : a.message());
        }
    }

    @Override
    void stopped() throws Exception {
        if (started != null) {
            delivery().abortPromotion(project(), started.name(), actor());
        }
    }

    private void record(PromotionAction.Result result, String verification, List<String> steps, String message)
            throws Exception {
        Optional<PromotionAction> action = action();
        if (action.isPresent()) {
            action.get().settle(result, verification, steps, message);
            build().save();
        }
    }

    private Optional<PromotionAction> action() {
        try {
            return build().actions(PromotionAction.class).stream()
                    .filter(a -> started != null && started.name().equals(a.getPromotion())).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
