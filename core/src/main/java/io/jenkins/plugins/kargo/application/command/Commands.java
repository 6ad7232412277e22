package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.outcome.Outcomes;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.PromotionPreview;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.controller.PromotionRefusedException;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Every operation a face may ask for, one method each, each done by a class of its own (as Kargo's
 * {@code pkg/server}: one file per operation over shared queries). Every command takes the {@code actor}, recorded in
 * the audit trail, and returns a typed result.
 *
 * <p>Refusals: {@link CommandRefusedException} when the rules do not allow it now (the message says why and what to
 * do); {@link NoSuchElementException} for an unknown project, stage, warehouse, Freight or promotion (the message
 * lists the known ones); {@link ConfigException} when the stored configuration no longer loads.
 */
public final class Commands {

    private final Apply apply;
    private final RefreshWarehouse refreshWarehouse;
    private final CreateFreight createFreight;
    private final Promote promote;
    private final Approve approve;
    private final Reject reject;
    private final Verify verify;
    private final Abort abort;
    private final Rollback rollback;
    private final Preview preview;
    private final StageQueue queue;
    private final Outcomes outcomes;

    /** @param credentials the face's credentials, for reading a project source from git */
    public Commands(KargoEngine engine, Views views, Outcomes outcomes, CredentialsProvider credentials) {
        this.apply = new Apply(engine, credentials);
        this.refreshWarehouse = new RefreshWarehouse(engine);
        this.createFreight = new CreateFreight(engine);
        this.promote = new Promote(engine, views);
        this.approve = new Approve(engine, views);
        this.reject = new Reject(engine, views);
        this.verify = new Verify(engine, views);
        this.abort = new Abort(engine, views);
        this.rollback = new Rollback(engine, views);
        this.preview = new Preview(engine, views);
        this.queue = new StageQueue(engine, views);
        this.outcomes = outcomes;
    }

    /**
     * Validates Kargo YAML (a directory, a file, a stream, or a path on a branch of a git repository) and stores it,
     * replacing each of its projects whole.
     */
    public ApplyResult apply(ConfigInput input, String actor) throws ConfigException {
        return apply.run(input, actor);
    }

    /** Discovers the warehouse (every warehouse of the project when empty) now and makes Freight of the newest. */
    public List<WarehouseRefreshResult> refresh(String project, Optional<String> warehouse) throws ConfigException {
        return refreshWarehouse.run(project, warehouse);
    }

    /**
     * Makes Freight of chosen versions among those the warehouse's last discovery found (a Manual warehouse's only way
     * to get Freight); a subscription not chosen takes its newest.
     *
     * @param chosen subscription (its name, repository URL, or chart / package name) to version
     * @throws CommandRefusedException naming a version that was not discovered or a subscription that does not exist
     */
    public FreightCreationResult createFreight(String project, String warehouse, Map<String, String> chosen,
                                               String actor) throws ConfigException {
        return createFreight.run(project, warehouse, chosen, actor);
    }

    /**
     * Queues a promotion of the selected Freight into the stage; {@link #runQueue} (or {@code kargo serve}, or
     * Jenkins' loop) runs it.
     */
    public PromotionTicket promote(String project, String stage, FreightSelector freight, String actor)
            throws ConfigException {
        return refusing(() -> promote.run(project, stage, freight, actor));
    }

    /**
     * What promoting the selected Freight into the stage would change (versions old → new, the diff of each commit it
     * would push), from a dry run of the stage's steps; changes nothing. For the confirmation before a promotion or a
     * rollback.
     */
    public PromotionPreview preview(String project, String stage, FreightSelector freight, String actor)
            throws ConfigException {
        return refusing(() -> preview.run(project, stage, freight, actor));
    }

    /**
     * Approves the Freight for the stage: the sign-off its verification there waits for, or else Kargo's manual
     * approval.
     *
     * @throws NotAnApproverException when the stage's approvers (the dashboard's {@code rbac.adminUsers}) do not
     *                                include {@code actor}
     */
    public ApprovalResult approve(String project, String stage, FreightSelector freight, String actor)
            throws ConfigException {
        ApprovalResult result = refusing(() -> approve.run(project, stage, freight, actor));
        outcomes.changed();
        return result;
    }

    /**
     * Rejects the Freight in the stage's verification that waits for a person: the verification fails.
     *
     * @throws NotAnApproverException when the stage's approvers do not include {@code actor}
     */
    public VerificationTicket reject(String project, String stage, FreightSelector freight, String actor)
            throws ConfigException {
        VerificationTicket rejected = refusing(() -> reject.run(project, stage, freight, actor));
        outcomes.changed();
        return rejected;
    }

    /** Queues a new verification of the stage's current Freight (Kargo's {@code kargo verify stage}). */
    public VerificationTicket verify(String project, String stage, String actor) throws ConfigException {
        return refusing(() -> verify.run(project, stage, actor));
    }

    /**
     * Aborts a promotion: a Pending one at once, a Running one before its next step.
     *
     * @throws CommandRefusedException when it has ended already
     */
    public AbortResult abortPromotion(String project, String promotion, String actor) {
        AbortResult result = abort.promotion(project, promotion, actor);
        outcomes.changed();
        return result;
    }

    /** Aborts the stage's verification: a pending one at once, a running one before its next measurement. */
    public AbortResult abortVerification(String project, String stage, String actor) {
        AbortResult result = abort.verification(project, stage, actor);
        outcomes.changed();
        return result;
    }

    /** Queues a promotion of the stage's previous Freight (or {@code to}, from its history) and holds auto-promotion. */
    public PromotionTicket rollback(String project, String stage, Optional<FreightSelector> to, String actor)
            throws ConfigException {
        return refusing(() -> rollback.run(project, stage, to, actor));
    }

    /** Lifts the stage's auto-promotion hold; false when it had none. */
    public boolean releaseHold(String project, String stage, String actor) throws ConfigException {
        return queue.releaseHold(project, stage, actor);
    }

    /**
     * Runs the stage's queued promotions and verifications in this thread, oldest first, each promotion followed by
     * its verification.
     *
     * @return false when another thread or process runs the stage's queue: its outcomes come from there
     */
    public boolean runQueue(String project, String stage) throws ConfigException {
        return queue.run(project, stage);
    }

    /**
     * Kargo's {@code kargo refresh stage}: queues the stage's auto-promotion candidate if its policy wants it, then
     * runs the stage's queue in this thread.
     *
     * @return the promotion auto-promotion queued, if any
     */
    public Optional<PromotionTicket> refreshStage(String project, String stage) throws ConfigException {
        return queue.refresh(project, stage);
    }

    private interface Operation<T> {
        T run() throws ConfigException;
    }

    private static <T> T refusing(Operation<T> operation) throws ConfigException {
        try {
            return operation.run();
        } catch (PromotionRefusedException e) {
            throw new CommandRefusedException(e.getMessage(), e);
        }
    }
}
