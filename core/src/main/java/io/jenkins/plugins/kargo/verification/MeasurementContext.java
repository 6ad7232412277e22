package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.events.EventSink;
import java.time.Clock;
import java.util.Map;

/**
 * What a measurement may use: the verification it belongs to, the analysis arguments (already resolved) and a log.
 *
 * @param args the analysis arguments by name, from the template's defaults and the stage's verification
 */
public record MeasurementContext(String project, String stage, String metric, Map<String, String> args,
                                 EventSink log, Clock clock) {

    public MeasurementContext {
        args = Map.copyOf(args);
    }
}
