package io.jenkins.plugins.kargo.plugin.view;

/**
 * A Kargo gate waiting in a running build: the build's Jenkins {@code input}, decided through the input's own
 * methods so its submitter and permission checks apply.
 *
 * @param id     the input's id ({@code Kargo-<project>-<stage>})
 * @param runUrl the build's URL relative to Jenkins' root
 */
public record PendingGate(String id, String runUrl, String message, Decide decide) {

    /** Proceeds or aborts the input as the current user; throws when that user may not. */
    public interface Decide {
        void approve() throws Exception;

        void reject() throws Exception;
    }

    /** The input's own endpoints, for a page that posts to them directly. */
    public String proceedUrl() {
        return runUrl + "input/" + id + "/proceedEmpty";
    }

    public String abortUrl() {
        return runUrl + "input/" + id + "/abort";
    }
}
