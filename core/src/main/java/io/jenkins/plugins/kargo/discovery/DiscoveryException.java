package io.jenkins.plugins.kargo.discovery;

/**
 * Discovery of one subscription failed: the message says which repository and why (never a secret).
 * A failed discovery creates no Freight.
 */
public class DiscoveryException extends Exception {

    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
