package io.jenkins.plugins.kargo.promotion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step did: its status, its outputs (readable by later steps as {@code outputs.<alias>.<key>}) and a
 * one-line message for the promotion's log.
 */
public record StepResult(StepStatus status, Map<String, Object> output, String message) {

    public StepResult {
        // a copy that keeps insertion order and null values (an output may be null, as in Kargo)
        output = Collections.unmodifiableMap(new LinkedHashMap<>(output));
        message = message == null ? "" : message;
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
