package io.jenkins.plugins.kargo.state;

import java.time.Instant;

/**
 * Who did what when.
 *
 * @param action {@code apply}, {@code approve}, {@code promote}, {@code abort}, {@code rollback}, {@code release-hold}
 * @param target what it was done to, e.g. {@code stage/uat} or {@code promotion/uat.01J...}
 */
public record AuditEvent(Instant at, String actor, String action, String target, String detail) {
}
