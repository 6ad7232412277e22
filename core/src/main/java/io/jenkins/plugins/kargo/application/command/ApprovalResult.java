package io.jenkins.plugins.kargo.application.command;

/** What an approval did. */
public enum ApprovalResult {
    /** It was the sign-off the stage's verification of the Freight waited for. */
    SIGNED_OFF,
    /** The Freight is now available to the stage (Kargo's {@code approvedFor}). */
    APPROVED,
    /** The Freight had been approved for the stage already; the first approval stands. */
    ALREADY_APPROVED
}
