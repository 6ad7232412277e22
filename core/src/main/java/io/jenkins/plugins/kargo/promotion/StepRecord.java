package io.jenkins.plugins.kargo.promotion;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a promotion's step log.
 *
 * @param alias    the step's {@code as}, or {@code step-N} (1-based) when it has none
 * @param uses     the step's kind
 * @param status   how it ended; {@link StepStatus#Skipped} when its {@code if} said no
 * @param message  what happened, for people; never holds secrets
 * @param output   what the step produced ({@code outputs.<alias>} for later steps); empty unless it succeeded
 * @param started  when the runner took the step up
 * @param finished when it ended (after the last retry)
 */
public record StepRecord(String alias, String uses, StepStatus status, String message, Map<String, Object> output,
                         Instant started, Instant finished) {

    public StepRecord {
        message = message == null ? "" : message;
        // a copy that keeps insertion order and null values (an output may be null, as in Kargo)
        output = Collections.unmodifiableMap(new LinkedHashMap<>(output));
    }
}
