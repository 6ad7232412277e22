package io.jenkins.plugins.kargo.promotion;

/**
 * Why a step could not do its work, in words for the promotion's log: the field, file or line at fault and
 * what to change. Steps turn it into {@link StepStatus#Errored}.
 */
public final class StepException extends Exception {

    private static final long serialVersionUID = 1L;

    public StepException(String message) {
        super(message);
    }

    public StepException(String message, Throwable cause) {
        super(message, cause);
    }
}
