package io.jenkins.plugins.kargo.ui.api;

/**
 * An answer of the API: its HTTP status and the record to serialise as its JSON body.
 */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    /** A write accepted and queued, not yet done (a promotion, a verification). */
    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body);
    }
}
