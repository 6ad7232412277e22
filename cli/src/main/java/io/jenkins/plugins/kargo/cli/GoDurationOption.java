package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.GoDuration;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration option written as Go and Kargo write them ({@code 10s}, {@code 1m30s}), longer than zero. */
final class GoDurationOption implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        if (!GoDuration.isGo(value)) {
            throw new TypeConversionException("'" + value + "' is not a duration; write it as Go does, e.g. 10s, 1m"
                    + " or 1h30m");
        }
        Duration duration = GoDuration.parse(value);
        if (duration.isZero()) {
            throw new TypeConversionException("'" + value + "' is no time at all; give a duration longer than 0");
        }
        return duration;
    }

    /** The duration as the user would write it: {@code 10s}, {@code 5m}, {@code 1h30m}. */
    static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
