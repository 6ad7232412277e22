package io.jenkins.plugins.kargo.verification;

/** A measurement could not be taken; the message says what was asked of whom and why it failed. */
public class MeasurementException extends Exception {

    private static final long serialVersionUID = 1L;

    public MeasurementException(String message) {
        super(message);
    }

    public MeasurementException(String message, Throwable cause) {
        super(message, cause);
    }
}
