package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import java.util.Optional;

/**
 * A stage's queue run in the calling thread ({@code kargo promote}, {@code kargo refresh stage}, a Jenkins step that
 * runs it itself), and its auto-promotion hold.
 */
final class StageQueue {

    private final KargoEngine engine;
    private final Views views;

    StageQueue(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    /** @return false when another thread or process runs the stage's queue */
    boolean run(String project, String stage) throws ConfigException {
        return engine.runPromotions(project, stage);
    }

    /** Queues the stage's auto-promotion candidate if its policy wants it, then runs the queue here. */
    Optional<PromotionTicket> refresh(String project, String stage) throws ConfigException {
        return engine.refreshStage(project, stage).map(p -> Promote.ticket(views, project, p));
    }

    boolean releaseHold(String project, String stage, String actor) throws ConfigException {
        return engine.releaseHold(project, stage, actor);
    }
}
