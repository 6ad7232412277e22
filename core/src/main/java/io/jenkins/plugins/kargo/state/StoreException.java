package io.jenkins.plugins.kargo.state;

/** The state store could not be read or written; the message names the store's directory and what failed. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
