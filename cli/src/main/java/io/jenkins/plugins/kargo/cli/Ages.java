package io.jenkins.plugins.kargo.cli;

import java.time.Duration;
import java.time.Instant;

/** kubectl's short ages: {@code 45s}, {@code 12m}, {@code 3h}, {@code 2d}. */
final class Ages {

    private Ages() {
    }

    static String since(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 120 * 60) {
            return seconds / 60 + "m";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
