package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a step may use while it runs: the promotion it belongs to, the Freight being promoted, a private working
 * directory (paths in step configuration are relative to it and may not leave it), credentials and a log.
 *
 * @param actor    who asked for the promotion ({@code kargo-controller} for automatic ones); recorded in commits
 * @param rollback whether the promotion takes the stage back to a Freight it had before (Kargo's
 *                 {@code ctx.meta.promotion.rollback})
 */
public record StepContext(String project, String stage, String promotion, String actor, FreightCollection freight,
                          Path workDir, CredentialsProvider credentials, EventSink log, Clock clock,
                          boolean rollback) {

    /** A context for a promotion that is not a rollback. */
    public StepContext(String project, String stage, String promotion, String actor, FreightCollection freight,
                       Path workDir, CredentialsProvider credentials, EventSink log, Clock clock) {
        this(project, stage, promotion, actor, freight, workDir, credentials, log, clock, false);
    }
}
