package io.jenkins.plugins.kargo.application.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of a stage's verification, with every metric and measurement, and the decision of a person when one was
 * asked for.
 *
 * @param phase            Kargo's phase: Pending, Running, Successful, Failed, Error, Inconclusive, Aborted
 * @param promotion        the promotion that queued it; empty for a re-verification
 * @param actor            who started it (the promotion's actor after a promotion)
 * @param abortRequestedBy who asked to abort it while it ran; empty if nobody
 */
public record VerificationDetail(String project, String name, String stage, List<FreightRef> freight,
                                 String promotion, String actor, String phase, String message, Instant createdAt,
                                 Instant startedAt, Instant finishedAt, String abortRequestedBy,
                                 List<MetricLine> metrics, Optional<Decision> decision) {

    public VerificationDetail {
        freight = List.copyOf(freight);
        metrics = List.copyOf(metrics);
    }

    /** One metric of the analysis: its phase, why, and each measurement. */
    public record MetricLine(String name, String phase, String message, List<MeasurementLine> measurements) {
        public MetricLine {
            measurements = List.copyOf(measurements);
        }
    }

    /** One measurement: its phase, the value the provider gave (a number, a Job's outcome, a decision), why. */
    public record MeasurementLine(String phase, Object value, String message, Instant startedAt, Instant finishedAt) {
    }

    /** A person's answer to a verification that waits for one. */
    public record Decision(boolean approved, String actor, Instant at) {
    }

    public boolean ended() {
        return !phase.equals("Pending") && !phase.equals("Running");
    }

    public boolean successful() {
        return phase.equals("Successful");
    }

    /** Why it is where it is, in one line: who asked to abort it while it runs, else the first line of its message. */
    public String reason() {
        return !ended() && !abortRequestedBy.isEmpty() ? "abort requested by " + abortRequestedBy
                : message.lines().findFirst().orElse("");
    }

    /** The metric that made it fail: the first whose phase is not Successful; empty when none did. */
    public String failedMetric() {
        return metrics.stream().filter(m -> !m.phase().equals("Successful")).map(MetricLine::name).findFirst()
                .orElse("");
    }
}
