package io.jenkins.plugins.kargo.verification.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.verification.FakeClock;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.VerificationDecision;
import io.jenkins.plugins.kargo.verification.VerificationRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The approval plugin on a fake clock: every wait passes at once, so timing is exact and nothing really waits. */
class ApprovalMeasurementTest {

    static final Instant QUEUED = Instant.parse("2026-11-27T09:00:00Z");
    static final Duration POLL = Duration.ofSeconds(1);

    final FakeClock clock = new FakeClock(QUEUED.plus(Duration.ofMinutes(10)));
    final AtomicReference<VerificationDecision> decision = new AtomicReference<>();
    final AtomicBoolean aborted = new AtomicBoolean();
    final List<Duration> waits = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    /** Waits pass the fake time; a decision (or abort) arrives after {@code after} of waiting. */
    ApprovalMeasurement measurement(Duration after, Runnable arrives) {
        return new ApprovalMeasurement(ref -> Optional.ofNullable(decision.get()), wait -> {
            waits.add(wait);
            clock.advance(wait);
            if (waits.stream().reduce(Duration.ZERO, Duration::plus).compareTo(after) >= 0) {
                arrives.run();
            }
        }, POLL);
    }

    @Test
    void anApprovalGivenWhileItWaitsIsTheResultWithWhoAndWhen() throws Exception {
        Instant at = QUEUED.plus(Duration.ofHours(2));
        Object result = measurement(Duration.ofSeconds(5), () -> decision.set(new VerificationDecision(true, "alice", at)))
                .measure(plugin("72h"), context());

        assertThat(result).isEqualTo(Map.of("approved", true, "by", "alice", "at", at.toString()));
        assertThat(waits).as("read every poll until it came").hasSize(5).containsOnly(POLL);
        assertThat(log).singleElement().asString().isEqualTo("verification of stage uat waits for a person: "
                + "UAT sign-off (until 2026-11-30T09:00:00Z)");
    }

    @Test
    void aRejectionIsNotApproved() throws Exception {
        decision.set(new VerificationDecision(false, "bob", QUEUED));

        assertThat(measurement(Duration.ZERO, () -> { }).measure(plugin("72h"), context()))
                .isEqualTo(Map.of("approved", false, "by", "bob", "at", QUEUED.toString()));
        assertThat(waits).as("decided already: no wait").isEmpty();
    }

    @Test
    void withoutADecisionItTimesOutCountingFromWhenTheVerificationWasQueued() throws Exception {
        Object result = measurement(Duration.ofDays(365), () -> { }).measure(plugin("30m"), context());

        assertThat(result).isEqualTo(Map.of("approved", false, "timedOut", true, "by", "",
                "at", QUEUED.plus(Duration.ofMinutes(30)).toString()));
        assertThat(clock.instant()).as("the 10 minutes before the measurement count").isEqualTo(QUEUED.plusSeconds(1800));
        assertThat(waits).hasSize(20 * 60);
    }

    @Test
    void anAbortStopsTheWaitAsAnError() {
        ApprovalMeasurement measurement = measurement(Duration.ofSeconds(3), () -> aborted.set(true));

        assertThatThrownBy(() -> measurement.measure(plugin(""), context()))
                .isInstanceOf(MeasurementException.class)
                .hasMessage("stopped waiting for a decision: the verification was aborted");
        assertThat(waits).hasSize(3);
    }

    private MetricProvider.Plugin plugin(String timeout) {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("message", "UAT sign-off");
        if (!timeout.isEmpty()) {
            config.put("timeout", timeout);
        }
        return new MetricProvider.Plugin(MetricProvider.Plugin.APPROVAL, config);
    }

    private MeasurementContext context() {
        return new MeasurementContext(new VerificationRef("myapp", "uat", "uat.01", QUEUED), "uat-sign-off", Map.of(),
                new EventSink() {
                    @Override
                    public void info(String message) {
                        log.add(message);
                    }

                    @Override
                    public void warn(String message) {
                        log.add("WARN " + message);
                    }
                }, clock, aborted::get);
    }
}
