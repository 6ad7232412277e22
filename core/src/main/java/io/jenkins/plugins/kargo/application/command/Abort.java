package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.controller.KargoEngine;

/** {@code promote --abort} and {@code verify stage --abort}: a queued one at once, a running one before its next step. */
final class Abort {

    private final KargoEngine engine;

    Abort(KargoEngine engine) {
        this.engine = engine;
    }

    AbortResult promotion(String project, String promotion, String actor) {
        var aborted = engine.abort(project, promotion, actor);
        return new AbortResult(aborted.name(), aborted.phase().isTerminal());
    }

    AbortResult verification(String project, String stage, String actor) {
        var aborted = engine.abortVerification(project, stage, actor);
        return new AbortResult(aborted.name(), aborted.phase().isTerminal());
    }
}
