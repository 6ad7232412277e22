package io.jenkins.plugins.kargo.controller;

/** A promotion, approval or rollback that the rules do not allow; the message says why and what to do. */
public final class PromotionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PromotionRefusedException(String message) {
        super(message);
    }
}
