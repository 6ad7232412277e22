package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.application.view.PromotionDetail;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;

/** {@code promote --abort} and {@code verify stage --abort}: a queued one at once, a running one before its next step. */
final class Abort {

    private final KargoEngine engine;
    private final Views views;

    Abort(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    /** @throws CommandRefusedException when the promotion has ended already */
    AbortResult promotion(String project, String promotion, String actor) {
        PromotionDetail detail = views.promotion(project, promotion);
        if (detail.ended()) {
            throw new CommandRefusedException("promotion " + promotion + " has already ended (" + detail.phase()
                    + "); there is nothing to abort");
        }
        var aborted = engine.abort(project, promotion, actor);
        return new AbortResult(aborted.name(), aborted.phase().isTerminal());
    }

    AbortResult verification(String project, String stage, String actor) {
        var aborted = engine.abortVerification(project, stage, actor);
        return new AbortResult(aborted.name(), aborted.phase().isTerminal());
    }
}
