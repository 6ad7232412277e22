package io.jenkins.plugins.kargo.ui.api;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.application.command.CommandRefusedException;
import io.jenkins.plugins.kargo.application.command.NotAnApproverException;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * The one mapping from what a route throws to the error a client gets, so every server answers alike.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static ApiException of(Throwable thrown) {
        if (thrown instanceof ApiException api) {
            return api;
        }
        if (thrown instanceof NotAnApproverException forbidden) {
            return new ApiException(403, "forbidden", forbidden.getMessage());
        }
        if (thrown instanceof CommandRefusedException refused) {
            return new ApiException(409, "refused", refused.getMessage());
        }
        if (thrown instanceof ConfigException invalid) {
            return new ApiException(422, "invalid-configuration", "the project's stored configuration no longer loads: "
                    + invalid.errors().stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
        if (thrown instanceof NoSuchElementException) {
            return ApiException.notFound(thrown.getMessage());
        }
        if (thrown instanceof IllegalArgumentException) {
            return ApiException.badRequest(thrown.getMessage());
        }
        return new ApiException(500, "internal", "the server failed: " + thrown.getClass().getSimpleName()
                + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
    }
}
