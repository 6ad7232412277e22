package io.jenkins.plugins.kargo.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Kubernetes resources write them (Go's {@code time.ParseDuration}: {@code 1h30m}, {@code 10s},
 * {@code 1.5m}, {@code 250ms}). Kargo's own fields accept only the {@code s}, {@code m} and {@code h} units.
 */
public final class GoDuration {

    /** Kargo's validation pattern for {@code interval} and {@code requiredSoakTime}. */
    static final Pattern KARGO = Pattern.compile("^([0-9]+(\\.[0-9]+)?(s|m|h))+$");
    private static final Pattern GO = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    static boolean isKargo(String text) {
        return text.length() <= 64 && KARGO.matcher(text).matches();
    }

    public static boolean isGo(String text) {
        return text.length() <= 64 && GO.matcher(text).matches();
    }

    /** Parses text already checked by {@link #isGo} or {@link #isKargo}. */
    public static Duration parse(String text) {
        if (!isGo(text)) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
        }
        BigDecimal whole = nanos.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("duration too long: " + text);
        }
        return Duration.ofNanos(whole.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
