package io.jenkins.plugins.kargo.freight;

/**
 * Whether a Freight may be promoted into a stage, and why (or why not), in words a user understands:
 * "verified in staging", "not verified in staging", "soaking in staging for 12 more minutes",
 * "pre-release 1.2.3-beta.1 of ... refused: production accepts stable only".
 */
public record Availability(boolean available, String reason) {

    static Availability yes(String reason) {
        return new Availability(true, reason);
    }

    static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
