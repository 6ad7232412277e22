package io.jenkins.plugins.kargo.api;

import java.util.Objects;

/**
 * A configuration value that grants access (a webhook URL with its token, a password): kept for use, never shown.
 * {@link #toString()} is redacted so the value cannot reach a log, an exception or a record's {@code toString()}.
 */
public final class SecretValue {

    private final String value;

    public SecretValue(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** The value itself, for the one place that sends it; do not log or store what this returns. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
