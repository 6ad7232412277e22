package io.jenkins.plugins.kargo.application.command;

/**
 * An operation the rules do not allow now (Freight not available to the stage, no previous Freight to roll back to,
 * a verification already under way); the message says why and what to do.
 */
public final class CommandRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
