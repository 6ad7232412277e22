package io.jenkins.plugins.kargo.application.command;

/**
 * An operation the rules do not allow now (Freight not available to the stage, no previous Freight to roll back to,
 * a verification already under way), or not to this actor ({@link NotAnApproverException}); the message says why and
 * what to do.
 */
public class CommandRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    public CommandRefusedException(String message) {
        super(message);
    }
}
