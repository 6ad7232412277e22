package io.jenkins.plugins.kargo.verification;

import java.time.Instant;

/**
 * Which verification an analysis belongs to.
 *
 * @param name  the verification's name in the state (where a human decision for it is recorded)
 * @param since when it was queued: an approval's timeout counts from here, so a restart does not extend it
 */
public record VerificationRef(String project, String stage, String name, Instant since) {
}
