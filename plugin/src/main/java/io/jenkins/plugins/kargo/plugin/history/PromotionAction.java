package io.jenkins.plugins.kargo.plugin.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One promotion a build made, kept in its {@code build.xml} and shown on its page ({@code summary.jelly}): the stage,
 * the Freight and its versions, its step log (the commit git-push wrote), the verification's result, who approved,
 * and for a rollback the build whose Freight it restored. A job's builds read together are the history that {@code rollback: true} and the
 * Freight view's "roll back to this" use.
 */
public final class PromotionAction extends KargoBuildAction {

    /** Where a promotion ended, as the build page says it. */
    public enum Result { RUNNING, WAITING, SUCCEEDED, FAILED, ABORTED }

    private final String promotion;
    private final String freight;
    private final String freightAlias;
    private final LinkedHashMap<String, String> versions;
    private final Integer rolledBackFrom;
    private Result result = Result.RUNNING;
    private String verification;
    private List<String> steps = List.of();
    private String approvedBy;
    private String message;

    /**
     * @param versions       the version of every artifact of the Freight, by repository
     * @param rolledBackFrom for a rollback, the number of the build whose promotion it repeats; else null
     */
    public PromotionAction(String project, String stage, String promotion, String freight, String freightAlias,
                           Map<String, String> versions, Integer rolledBackFrom) {
        super(project, stage);
        this.promotion = promotion;
        this.freight = freight;
        this.freightAlias = freightAlias;
        this.versions = new LinkedHashMap<>(versions);
        this.rolledBackFrom = rolledBackFrom;
    }

    /**
     * Records how the promotion ended.
     *
     * @param verification the verification's phase and message, or null when the stage has none
     * @param steps        the promotion's step log, one "alias: message" line per step (what git-push pushed)
     * @param message      why it failed (the failing step or measurement), or null
     */
    public synchronized void settle(Result result, String verification, List<String> steps, String message) {
        this.result = result;
        this.verification = verification;
        this.steps = List.copyOf(steps);
        this.message = message;
    }

    /** @param approvedBy the Jenkins user who approved a gate of this promotion */
    public synchronized void approvedBy(String approvedBy) {
        this.approvedBy = approvedBy;
    }

    public String getPromotion() {
        return promotion;
    }

    public String getFreight() {
        return freight;
    }

    public String getFreightAlias() {
        return freightAlias;
    }

    public Map<String, String> getVersions() {
        return Collections.unmodifiableMap(versions);
    }

    public Integer getRolledBackFrom() {
        return rolledBackFrom;
    }

    public synchronized Result getResult() {
        return result;
    }

    public synchronized String getVerification() {
        return verification;
    }

    public synchronized List<String> getSteps() {
        return steps;
    }

    public synchronized String getApprovedBy() {
        return approvedBy;
    }

    public synchronized String getMessage() {
        return message;
    }

    @Override
    public String getDisplayName() {
        return "Kargo promotion into " + getStage();
    }
}
