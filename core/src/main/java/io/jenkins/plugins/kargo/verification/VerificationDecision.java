package io.jenkins.plugins.kargo.verification;

import java.time.Instant;

/** A person's answer to a verification that waits for one (the approval metric): approved or rejected, by whom. */
public record VerificationDecision(boolean approved, String actor, Instant at) {
}
