package io.jenkins.plugins.kargo.expr;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The methods of the engine's own values, as Go's {@code time.Time}, {@code time.Duration} and
 * {@code *time.Location} have them ({@code now().Year()}, {@code duration("1h").Seconds()},
 * {@code date(s).In(timezone("Europe/Zurich"))}), and those an {@link ExprObject} answers. Maps, lists and strings
 * have no methods; nothing else is reachable.
 */
final class Methods {

    private Methods() {
    }

    static Object call(Object target, String name, List<Object> args) {
        if (target instanceof ZonedDateTime time) {
            return time(time, name, args);
        }
        if (target instanceof Duration duration) {
            return duration(duration, name, args);
        }
        if (target instanceof ZoneId zone && name.equals("String") && args.isEmpty()) {
            return zoneName(zone);
        }
        if (target instanceof ExprObject object) {
            try {
                return object.call(name, args);
            } catch (IllegalArgumentException e) {
                throw Failure.evaluation(e.getMessage());
            }
        }
        throw Failure.evaluation(Values.describe(target) + " has no method " + name + "()");
    }

    /** Go names its UTC location "UTC"; Java's offset zone calls itself "Z". */
    static String zoneName(ZoneId zone) {
        return zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static Object time(ZonedDateTime t, String name, List<Object> args) {
        switch (name) {
            case "Add" -> {
                return t.plus(durationArgument(name, args));
            }
            case "Sub" -> {
                arity(name, args, 1);
                if (args.get(0) instanceof ZonedDateTime other) {
                    return Duration.between(other, t);
                }
                throw Failure.evaluation("Sub() takes a time, not " + Values.describe(args.get(0)));
            }
            case "AddDate" -> {
                arity(name, args, 3);
                return t.plusYears(Values.toLong(args.get(0), "years")).plusMonths(Values.toLong(args.get(1),
                        "months")).plusDays(Values.toLong(args.get(2), "days"));
            }
            case "Before", "After", "Equal", "Compare" -> {
                arity(name, args, 1);
                if (!(args.get(0) instanceof ZonedDateTime other)) {
                    throw Failure.evaluation(name + "() takes a time, not " + Values.describe(args.get(0)));
                }
                int order = t.toInstant().compareTo(other.toInstant());
                return switch (name) {
                    case "Before" -> order < 0;
                    case "After" -> order > 0;
                    case "Equal" -> order == 0;
                    default -> (long) Integer.signum(order);
                };
            }
            case "In" -> {
                arity(name, args, 1);
                if (args.get(0) instanceof ZoneId zone) {
                    return t.withZoneSameInstant(zone);
                }
                throw Failure.evaluation("In() takes a timezone(), not " + Values.describe(args.get(0)));
            }
            case "Format" -> {
                arity(name, args, 1);
                if (args.get(0) instanceof String layout) {
                    return GoTime.format(t, layout);
                }
                throw Failure.evaluation("Format() takes a layout string, not " + Values.describe(args.get(0)));
            }
            case "Truncate", "Round" -> {
                Duration unit = durationArgument(name, args);
                if (unit.isNegative() || unit.isZero()) {
                    return t;
                }
                long nanos = unit.toNanos();
                long since = t.toInstant().getEpochSecond() * 1_000_000_000L + t.getNano();
                long down = Math.floorDiv(since, nanos) * nanos;
                long result = name.equals("Round") && since - down >= nanos - (since - down) ? down + nanos : down;
                return ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(0, result), t.getZone());
            }
            default -> {
                arity(name, args, 0);
                return timeField(t, name);
            }
        }
    }

    private static Object timeField(ZonedDateTime t, String name) {
        return switch (name) {
            case "Year" -> (long) t.getYear();
            case "Month" -> (long) t.getMonthValue();
            case "Day" -> (long) t.getDayOfMonth();
            case "Hour" -> (long) t.getHour();
            case "Minute" -> (long) t.getMinute();
            case "Second" -> (long) t.getSecond();
            case "Nanosecond" -> (long) t.getNano();
            case "YearDay" -> (long) t.getDayOfYear();
            case "Weekday" -> (long) (t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
            case "Unix" -> t.toEpochSecond();
            case "UnixMilli" -> t.toInstant().toEpochMilli();
            case "UnixMicro" -> t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000;
            case "UnixNano" -> t.toEpochSecond() * 1_000_000_000L + t.getNano();
            case "UTC" -> t.withZoneSameInstant(java.time.ZoneOffset.UTC);
            case "Local" -> t.withZoneSameInstant(ZoneId.systemDefault());
            case "Location" -> t.getZone();
            case "IsZero" -> t.toLocalDateTime().equals(java.time.LocalDateTime.of(1, 1, 1, 0, 0));
            case "String" -> GoTime.string(t);
            default -> throw Failure.evaluation("time.Time has no method " + name + "(); it has Year(), Month(),"
                    + " Day(), Hour(), Minute(), Second(), Weekday(), YearDay(), Unix(), Format(layout), In(zone),"
                    + " UTC(), Add(d), Sub(t), AddDate(y, m, d), Before(t), After(t), Equal(t), String()");
        };
    }

    private static Object duration(Duration d, String name, List<Object> args) {
        switch (name) {
            case "Truncate", "Round" -> {
                Duration unit = durationArgument(name, args);
                if (unit.isNegative() || unit.isZero()) {
                    return d;
                }
                long nanos = unit.toNanos();
                long value = d.toNanos();
                long down = value - value % nanos;
                if (name.equals("Truncate")) {
                    return Duration.ofNanos(down);
                }
                long rest = Math.abs(value % nanos);
                return Duration.ofNanos(rest + rest < nanos ? down : down + (value < 0 ? -nanos : nanos));
            }
            default -> {
                arity(name, args, 0);
                double seconds = d.getSeconds() + d.getNano() / 1e9;
                return switch (name) {
                    case "Hours" -> seconds / 3600;
                    case "Minutes" -> seconds / 60;
                    case "Seconds" -> seconds;
                    case "Milliseconds" -> d.toMillis();
                    case "Microseconds" -> d.toNanos() / 1_000;
                    case "Nanoseconds" -> d.toNanos();
                    case "Abs" -> d.abs();
                    case "String" -> GoText.duration(d);
                    default -> throw Failure.evaluation("time.Duration has no method " + name + "(); it has Hours(),"
                            + " Minutes(), Seconds(), Milliseconds(), Microseconds(), Nanoseconds(), Abs(), Round(d),"
                            + " Truncate(d), String()");
                };
            }
        }
    }

    private static Duration durationArgument(String name, List<Object> args) {
        arity(name, args, 1);
        if (args.get(0) instanceof Duration d) {
            return d;
        }
        throw Failure.evaluation(name + "() takes a duration, not " + Values.describe(args.get(0)));
    }

    private static void arity(String name, List<Object> args, int expected) {
        if (args.size() != expected) {
            throw Failure.evaluation(name + "() takes " + expected + " argument" + (expected == 1 ? "" : "s")
                    + ", got " + args.size());
        }
    }
}
