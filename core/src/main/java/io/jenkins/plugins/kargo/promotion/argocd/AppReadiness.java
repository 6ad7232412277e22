package io.jenkins.plugins.kargo.promotion.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether an Argo CD Application is what {@code argocd-wait} waits for (Kargo's {@code checkAppReadiness}, as
 * {@code argocd app wait} judges it): {@code operation} (no operation requested or running), {@code health}
 * ({@code Healthy}; {@code suspended} and {@code degraded} accept those health states instead, the three OR'd) and
 * {@code sync} ({@code Synced}), all of them. An Application with a {@code ComparisonError} or
 * {@code InvalidSpecError} condition, or whose health fell from a good state to {@code Degraded} while waited for
 * health, will not get there: that is final.
 */
record AppReadiness(State state, String reason) {

    enum State { READY, WAITING, FAILED }

    static final List<String> CONDITIONS = List.of("health", "sync", "operation", "suspended", "degraded");
    static final List<String> DEFAULT = List.of("health", "sync", "operation");
    private static final Set<String> ERROR_CONDITIONS = Set.of("ComparisonError", "InvalidSpecError");

    /**
     * @param previousHealth the health seen when this Application was looked at before; empty the first time
     */
    static AppReadiness of(ArgoCdApplication app, List<String> waitFor, String previousHealth) {
        List<String> errors = new ArrayList<>();
        for (JsonNode condition : app.body().path("status").path("conditions")) {
            if (ERROR_CONDITIONS.contains(condition.path("type").asText())) {
                errors.add(condition.path("type").asText() + ": " + condition.path("message").asText(""));
            }
        }
        if (!errors.isEmpty()) {
            return new AppReadiness(State.FAILED, "Argo CD Application " + app.ref() + " has "
                    + String.join("; ", errors));
        }
        if (waitFor.contains("operation") && (app.operation().isObject()
                || app.operationState().isObject() && app.operationState().path("finishedAt").asText("").isEmpty())) {
            return waiting(app, "an operation is in progress");
        }
        boolean health = waitFor.contains("health") || waitFor.contains("suspended") || waitFor.contains("degraded");
        if (health && !app.refreshedSinceOperation()) {
            return waiting(app, "not yet refreshed since its last operation, so its health is not trusted");
        }
        String status = app.health();
        if (health) {
            if (waitFor.contains("health") && status.equals("Degraded") && !previousHealth.isEmpty()
                    && !previousHealth.equals("Degraded") && !previousHealth.equals("Unknown")) {
                return new AppReadiness(State.FAILED, "Argo CD Application " + app.ref() + " health has regressed from "
                        + previousHealth + " to " + status);
            }
            boolean passed = waitFor.contains("health") && status.equals("Healthy")
                    || waitFor.contains("suspended") && status.equals("Suspended")
                    || waitFor.contains("degraded") && status.equals("Degraded");
            if (!passed) {
                return waiting(app, "health is " + (status.isEmpty() ? "Unknown" : status));
            }
        }
        if (waitFor.contains("sync") && !app.syncStatus().equals("Synced")) {
            return waiting(app, "sync is " + (app.syncStatus().isEmpty() ? "Unknown" : app.syncStatus()));
        }
        return new AppReadiness(State.READY, "Argo CD Application " + app.ref() + " is ready: " + app.describe());
    }

    private static AppReadiness waiting(ArgoCdApplication app, String why) {
        return new AppReadiness(State.WAITING, "Argo CD Application " + app.ref() + ": " + why);
    }
}
