package io.jenkins.plugins.kargo.application.command;

/**
 * An abort of a promotion or verification.
 *
 * @param name      the promotion or verification
 * @param abortedNow true when it had not started and is Aborted now; false when it runs and stops before its next
 *                   step or measurement
 */
public record AbortResult(String name, boolean abortedNow) {
}
