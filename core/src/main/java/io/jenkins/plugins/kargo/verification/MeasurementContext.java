package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.events.EventSink;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a measurement may use: the verification it belongs to, the analysis arguments (already resolved), a log, and
 * whether the analysis was asked to stop (a provider that waits long, such as an approval, asks it while waiting).
 *
 * @param args the analysis arguments by name, from the template's defaults and the stage's verification
 */
public record MeasurementContext(VerificationRef verification, String metric, Map<String, String> args,
                                 EventSink log, Clock clock, BooleanSupplier aborted) {

    public MeasurementContext {
        args = Map.copyOf(args);
    }

    public String project() {
        return verification.project();
    }

    public String stage() {
        return verification.stage();
    }
}
