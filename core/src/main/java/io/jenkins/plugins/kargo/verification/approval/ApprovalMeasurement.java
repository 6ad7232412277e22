package io.jenkins.plugins.kargo.verification.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.api.GoDuration;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.net.Sleeper;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.MeasurementProvider;
import io.jenkins.plugins.kargo.verification.VerificationDecision;
import io.jenkins.plugins.kargo.verification.VerificationRef;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@value MetricProvider.Plugin#APPROVAL} metric plugin: a verification that is a human decision (the seed's
 * {@code manual-uat-approval}). It waits until someone approves or rejects the Freight under verification
 * ({@code kargo approve} / {@code kargo reject}, or the Jenkins input step), and its result is
 * {@code {approved, by, at}} for the metric's condition ({@code result.approved == true}). Config:
 * {@code message} (shown while it waits) and {@code timeout} (a Go duration counted from when the verification was
 * queued, so a restart does not extend it); past the timeout the result is {@code {approved: false, timedOut: true}}.
 */
public final class ApprovalMeasurement implements MeasurementProvider<MetricProvider.Plugin> {

    /** Where decisions are recorded (the state store). */
    @FunctionalInterface
    public interface Decisions {
        Optional<VerificationDecision> of(VerificationRef verification);
    }

    private final Decisions decisions;
    private final Sleeper sleeper;
    private final Duration poll;

    /** @param poll how often the decisions are read while waiting (they may come from another process) */
    public ApprovalMeasurement(Decisions decisions, Sleeper sleeper, Duration poll) {
        this.decisions = decisions;
        this.sleeper = sleeper;
        this.poll = poll;
    }

    @Override
    public Object measure(MetricProvider.Plugin plugin, MeasurementContext context)
            throws MeasurementException, InterruptedException {
        Optional<Instant> deadline = timeout(plugin.config()).map(context.verification().since()::plus);
        String message = plugin.config().path("message").asText("");
        context.log().info("verification of stage " + context.stage() + " waits for a person"
                + (message.isEmpty() ? "" : ": " + message) + deadline.map(d -> " (until " + d + ")").orElse(""));
        while (true) {
            Optional<VerificationDecision> decision = decisions.of(context.verification());
            if (decision.isPresent()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("approved", decision.get().approved());
                result.put("by", decision.get().actor());
                result.put("at", decision.get().at().toString());
                return result;
            }
            if (context.aborted().getAsBoolean()) {
                throw new MeasurementException("stopped waiting for a decision: the verification was aborted");
            }
            Instant now = context.clock().instant();
            if (deadline.isPresent() && !now.isBefore(deadline.get())) {
                return Map.of("approved", false, "timedOut", true, "by", "", "at", now.toString());
            }
            Duration wait = deadline.map(d -> Duration.between(now, d)).filter(d -> d.compareTo(poll) < 0).orElse(poll);
            sleeper.sleep(wait);
        }
    }

    /** The plugin's {@code timeout}; the loader admits only this plugin, and only with a Go duration there. */
    private static Optional<Duration> timeout(JsonNode config) {
        String timeout = config.path("timeout").asText("");
        return timeout.isEmpty() ? Optional.empty() : Optional.of(GoDuration.parse(timeout));
    }
}
