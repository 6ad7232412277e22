package io.jenkins.plugins.kargo.promotion;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step did: its status, its outputs (readable by later steps as {@code outputs.<alias>.<key>}) and a
 * one-line message for the promotion's log.
 *
 * @param pollInterval for {@link StepStatus#Running}: when the step wants to be asked again (Kargo's
 *                     {@code RetryAfter}); null otherwise
 */
public record StepResult(StepStatus status, Map<String, Object> output, String message, Duration pollInterval) {

    public StepResult {
        // a copy that keeps insertion order and null values (an output may be null, as in Kargo)
        output = Collections.unmodifiableMap(new LinkedHashMap<>(output));
        message = message == null ? "" : message;
    }

    public StepResult(StepStatus status, Map<String, Object> output, String message) {
        this(status, output, message, null);
    }

    /** The step waits for something outside; ask it again after {@code pollInterval}. */
    public static StepResult running(String message, Duration pollInterval) {
        return new StepResult(StepStatus.Running, Map.of(), message, pollInterval);
    }

    public static StepResult succeeded(Map<String, Object> output, String message) {
        return new StepResult(StepStatus.Succeeded, output, message);
    }

    public static StepResult failed(String message) {
        return new StepResult(StepStatus.Failed, Map.of(), message);
    }

    public static StepResult errored(String message) {
        return new StepResult(StepStatus.Errored, Map.of(), message);
    }
}
