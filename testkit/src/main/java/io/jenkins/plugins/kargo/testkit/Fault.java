package io.jenkins.plugins.kargo.testkit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link FaultInjectingProxy} does to one request instead of (or before) forwarding it. */
public sealed interface Fault {

    /** Answers with this status and a registry-style JSON error body; the registry never sees the request. */
    static Status status(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("HTTP status " + code + " does not exist");
        }
        return new Status(code, Map.of());
    }

    /** {@code 429 Too Many Requests} with {@code Retry-After} in whole seconds. */
    static Status tooManyRequests(Duration retryAfter) {
        return status(429).withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
    }

    static Status serverError() {
        return status(500);
    }

    static Status serviceUnavailable() {
        return status(503);
    }

    /** Closes the connection without writing a byte of response. */
    static Fault dropConnection() {
        return new DropConnection();
    }

    /**
     * Holds the response headers back for {@code delay}, then forwards the request as usual. Closing the proxy ends
     * the wait at once, so a delay never outlives the test.
     */
    static Fault delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        return new Delay(delay);
    }

    /**
     * Forwards the request untouched, as if nothing were planned: lets a plan fault a later request to the same path,
     * e.g. {@code inject(path, forward(), serviceUnavailable())} fails only the second. Recorded as no fault.
     */
    static Fault forward() {
        return new Forward();
    }

    /** The same fault {@code count} times in a row, for {@link FaultInjectingProxy#inject(String, List)}. */
    static List<Fault> times(int count, Fault fault) {
        return Collections.nCopies(count, fault);
    }

    record Status(int code, Map<String, String> headers) implements Fault {
        public Status {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        public Status withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Status(code, more);
        }
    }

    record DropConnection() implements Fault {
    }

    record Forward() implements Fault {
    }

    record Delay(Duration delay) implements Fault {
    }
}
