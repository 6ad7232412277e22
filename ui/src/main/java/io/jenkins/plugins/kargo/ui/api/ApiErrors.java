package io.jenkins.plugins.kargo.ui.api;

import java.util.NoSuchElementException;

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
