package io.jenkins.plugins.kargo.ui.api;

/** The body of every error answer: {@code {"error": {"status": 409, "code": "refused", "message": "..."}}}. */
public record ApiError(Detail error) {

    public record Detail(int status, String code, String message) {
    }
}
