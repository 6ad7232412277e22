package io.jenkins.plugins.kargo.promotion.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Where an Application stands with respect to one promotion's sync, and what {@code argocd-update} does next
 * (Kargo's {@code mustPerformUpdate}, extended to wait for Synced and Healthy at the desired revisions).
 */
record SyncProgress(Next next, String reason) {

    /** Kargo marks its operations with this {@code info} entry, whose value is the promotion. */
    static final String PROMOTION_INFO = "kargo.akuity.io/promotion";

    enum Next {
        /** Start (or restart) the sync for this promotion. */
        SYNC,
        /** Argo CD is working; look again when the Application changes. */
        WAIT,
        /** Synced and Healthy at the desired revisions. */
        DONE,
        /** Argo CD's operation for this promotion failed. */
        FAILED
    }

    private static final List<String> COMPLETED = List.of("Succeeded", "Failed", "Error");

    static SyncProgress of(ArgoCdApplication app, String promotion, DesiredSources desired) {
        JsonNode state = app.operationState();
        String phase = app.operationPhase();
        boolean hasState = state.isObject();
        Optional<String> owner = promotionOf(state.path("operation"));
        boolean ours = owner.filter(promotion::equals).isPresent();
        if (hasState && !COMPLETED.contains(phase)) {
            return wait(ours ? app.describe() : "operation " + phase + " " + initiator(state.path("operation"))
                    + ": waiting for it to finish before syncing");
        }
        if (app.operation().isObject()) {
            boolean requestedByUs = promotionOf(app.operation()).filter(promotion::equals).isPresent();
            return wait(requestedByUs ? "sync requested, not started by Argo CD yet"
                    : "a sync " + initiator(app.operation()) + " is pending: waiting for it before syncing");
        }
        if (!hasState || !ours) {
            return new SyncProgress(Next.SYNC, hasState ? "last operation was " + initiator(state.path("operation"))
                    : "no operation yet");
        }
        if (!phase.equals("Succeeded")) {
            return new SyncProgress(Next.FAILED, "Argo CD operation " + phase + ": "
                    + state.path("message").asText("(no message)"));
        }
        if (!state.path("syncResult").isObject()) {
            return new SyncProgress(Next.SYNC, "operation completed without a sync result");
        }
        List<String> applied = app.syncResultRevisions();
        if (!atDesired(applied, desired.revisions())) {
            return new SyncProgress(Next.SYNC, "Argo CD synced " + applied + ", not the desired " + desired.revisions());
        }
        // without a desired revision, the live state must be at what the sync applied
        return healthy(app, desired.hasDesiredRevision() ? desired.revisions()
                : applied.stream().map(Optional::of).toList());
    }

    private static SyncProgress healthy(ArgoCdApplication app, List<Optional<String>> expected) {
        if (!app.refreshedSinceOperation()) {
            return wait("Argo CD has not refreshed the Application since the sync finished");
        }
        if (!app.syncStatus().equals("Synced") || !atDesired(app.syncedRevisions(), expected)
                || !app.health().equals("Healthy")) {
            return wait(app.describe());
        }
        return new SyncProgress(Next.DONE, app.describe());
    }

    /** Every source with a desired revision is at it. */
    private static boolean atDesired(List<String> revisions, List<Optional<String>> wanted) {
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i).isPresent() && (i >= revisions.size() || !revisions.get(i).equals(wanted.get(i).get()))) {
                return false;
            }
        }
        return true;
    }

    private static SyncProgress wait(String reason) {
        return new SyncProgress(Next.WAIT, reason);
    }

    private static Optional<String> promotionOf(JsonNode operation) {
        for (JsonNode info : operation.path("info")) {
            if (info.path("name").asText().equals(PROMOTION_INFO)) {
                return Optional.of(info.path("value").asText());
            }
        }
        return Optional.empty();
    }

    private static String initiator(JsonNode operation) {
        return promotionOf(operation).map(p -> "for promotion " + p)
                .orElse("initiated by " + operation.path("initiatedBy").path("username").asText("an unknown user"));
    }
}
