package io.jenkins.plugins.kargo.plugin.steps;

import io.jenkins.plugins.kargo.plugin.engine.Delivery;
import io.jenkins.plugins.kargo.plugin.gate.Gate;
import io.jenkins.plugins.kargo.plugin.history.BuildRecord;
import io.jenkins.plugins.kargo.plugin.history.VerificationAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** {@code kargoVerify}'s execution: a new verification of the stage's Freight, its result on the build page. */
public final class VerifyExecution extends DeliveryExecution {

    private static final long serialVersionUID = 1L;

    public VerifyExecution(StepContext context, VerifyRequest request, Delivery.Source source, Gate.Opener gates,
                    BuildRecord.Access builds) {
        super(context, request.project(), request.stage(), request.submitter(), source, gates, builds);
    }

    @Override
    void begin() throws Exception {
        started = delivery().verify(project(), stage(), actor());
        getContext().saveState();
        log("Kargo: verification " + started.name() + " of Freight " + started.freightAlias() + " in stage " + stage());
        await();
    }

    @Override
    CompletableFuture<Delivery.Outcome> outcome(Delivery delivery) {
        return delivery.verification(project(), started.name());
    }

    @Override
    Object succeeded(Delivery.Outcome.Succeeded outcome) throws Exception {
        record("Successful", outcome.verification());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("verification", started.name());
        result.put("stage", stage());
        result.put("freight", started.freight());
        result.put("freightAlias", started.freightAlias());
        result.put("result", outcome.verification());
        return result;
    }

    @Override
    void ended(Delivery.Outcome outcome) throws Exception {
        if (outcome instanceof Delivery.Outcome.Failed f) {
            record("Failed", mask().apply((f.failedAt() == null ? "" : f.failedAt() + ": ") + f.message()));
        } else {
            record("Aborted", null);
        }
    }

    private void record(String phase, String message) throws Exception {
        build().add(new VerificationAction(project(), stage(), started.name(), started.freight(),
                started.freightAlias(), phase, message));
    }
}
