package io.jenkins.plugins.kargo.ui.api;

/**
 * A request the API answers with an error: the HTTP status, a stable machine-readable {@code code} and a message for
 * people. The body is {@code {"error": {"status", "code", "message"}}} (see {@code docs/api.md}).
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad-request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not-found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The error body, ready to serialise. */
    public ApiError body() {
        return new ApiError(new ApiError.Detail(status, code, getMessage()));
    }
}
