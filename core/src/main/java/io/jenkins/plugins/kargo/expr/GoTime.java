package io.jenkins.plugins.kargo.expr;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code 2006-01-02T15:04:05Z07:00}) for {@code date(str, layout)} and
 * {@code t.Format(layout)}, as Go's {@code time} package reads them: {@code 2006 06 01 1 Jan January 02 2 _2 002
 * 15 03 3 04 4 05 5 PM pm Mon Monday MST -0700 -07:00 -07 Z0700 Z07:00 Z07} and fractional seconds {@code .000} /
 * {@code .999}. Anything else in a layout is literal text.
 */
final class GoTime {

    /** What {@code date(str)} tries, in order, when no layout is given (expr-lang's list). */
    static final List<String> DEFAULT_LAYOUTS = List.of("2006-01-02", "15:04:05", "2006-01-02 15:04:05",
            "2006-01-02T15:04:05Z07:00", "02 Jan 06 15:04 MST", "Monday, 02-Jan-06 15:04:05 MST",
            "Mon, 02 Jan 2006 15:04:05 MST");

    private enum Std {
        LONG_MONTH("January"), MONTH("Jan"), NUM_MONTH("1"), ZERO_MONTH("01"), LONG_WEEKDAY("Monday"),
        WEEKDAY("Mon"), DAY("2"), UNDER_DAY("_2"), ZERO_DAY("02"), UNDER_YEARDAY("__2"), ZERO_YEARDAY("002"),
        HOUR("15"), HOUR12("3"), ZERO_HOUR12("03"), MINUTE("4"), ZERO_MINUTE("04"), SECOND("5"),
        ZERO_SECOND("05"), LONG_YEAR("2006"), YEAR("06"), PM("PM"), LOWER_PM("pm"), TZ("MST"),
        ISO_TZ_SECONDS_COLON("Z07:00:00"), ISO_TZ_SECONDS("Z070000"), ISO_TZ_COLON("Z07:00"), ISO_TZ("Z0700"),
        ISO_TZ_SHORT("Z07"), NUM_TZ_SECONDS_COLON("-07:00:00"), NUM_TZ_SECONDS("-070000"),
        NUM_TZ_COLON("-07:00"), NUM_TZ("-0700"), NUM_TZ_SHORT("-07"), FRACTION("");

        final String text;

        Std(String text) {
            this.text = text;
        }
    }

    /** One piece of a layout: literal text, or a field with its length in the layout (fractions vary). */
    private record Chunk(String literal, Std std, int length, boolean nines) {
    }

    private GoTime() {
    }

    private static Chunk next(String layout, int i) {
        for (Std std : new Std[] {Std.LONG_MONTH, Std.MONTH, Std.LONG_WEEKDAY, Std.WEEKDAY, Std.TZ,
            Std.LONG_YEAR, Std.ZERO_YEARDAY, Std.UNDER_YEARDAY, Std.UNDER_DAY, Std.HOUR,
            Std.ISO_TZ_SECONDS_COLON, Std.ISO_TZ_SECONDS, Std.ISO_TZ_COLON, Std.ISO_TZ, Std.ISO_TZ_SHORT,
            Std.NUM_TZ_SECONDS_COLON, Std.NUM_TZ_SECONDS, Std.NUM_TZ_COLON, Std.NUM_TZ, Std.NUM_TZ_SHORT,
            Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND, Std.YEAR, Std.PM,
            Std.LOWER_PM, Std.NUM_MONTH, Std.DAY, Std.HOUR12, Std.MINUTE, Std.SECOND}) {
            if (layout.startsWith(std.text, i)) {
                if ((std == Std.MONTH || std == Std.WEEKDAY) && i + 3 < layout.length()
                        && Character.isLowerCase(layout.charAt(i + 3))) {
                    continue; // "Janet", "Monty": a word, not a field
                }
                return new Chunk(null, std, std.text.length(), false);
            }
        }
        char c = layout.charAt(i);
        if ((c == '.' || c == ',') && i + 1 < layout.length()
                && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char digit = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == digit) {
                j++;
            }
            if (j >= layout.length() || !Lexer.isDigit(layout.charAt(j))) {
                return new Chunk(null, Std.FRACTION, j - i, digit == '9');
            }
        }
        return new Chunk(String.valueOf(c), null, 1, false);
    }

    /** {@code t.Format(layout)}. */
    static String format(ZonedDateTime t, String layout) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            Chunk chunk = next(layout, i);
            i += chunk.length();
            if (chunk.std() == null) {
                out.append(chunk.literal());
                continue;
            }
            int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
            int offset = t.getOffset().getTotalSeconds();
            switch (chunk.std()) {
                case LONG_MONTH -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case MONTH -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case NUM_MONTH -> out.append(t.getMonthValue());
                case ZERO_MONTH -> out.append(pad(t.getMonthValue(), 2));
                case LONG_WEEKDAY -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case WEEKDAY -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case DAY -> out.append(t.getDayOfMonth());
                case UNDER_DAY -> out.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case ZERO_DAY -> out.append(pad(t.getDayOfMonth(), 2));
                case UNDER_YEARDAY -> out.append(String.format("%3d", t.getDayOfYear()));
                case ZERO_YEARDAY -> out.append(pad(t.getDayOfYear(), 3));
                case HOUR -> out.append(pad(t.getHour(), 2));
                case HOUR12 -> out.append(hour12);
                case ZERO_HOUR12 -> out.append(pad(hour12, 2));
                case MINUTE -> out.append(t.getMinute());
                case ZERO_MINUTE -> out.append(pad(t.getMinute(), 2));
                case SECOND -> out.append(t.getSecond());
                case ZERO_SECOND -> out.append(pad(t.getSecond(), 2));
                case LONG_YEAR -> out.append(pad(t.getYear(), 4));
                case YEAR -> out.append(pad(Math.floorMod(t.getYear(), 100), 2));
                case PM -> out.append(t.getHour() >= 12 ? "PM" : "AM");
                case LOWER_PM -> out.append(t.getHour() >= 12 ? "pm" : "am");
                case TZ -> out.append(abbreviation(t));
                case FRACTION -> {
                    String nanos = pad(t.getNano(), 9).substring(0, chunk.length() - 1);
                    if (chunk.nines()) {
                        nanos = nanos.replaceFirst("0+$", "");
                        out.append(nanos.isEmpty() ? "" : layout.charAt(i - chunk.length()) + nanos);
                    } else {
                        out.append(layout.charAt(i - chunk.length())).append(nanos);
                    }
                }
                default -> out.append(zone(chunk.std(), offset));
            }
        }
        return out.toString();
    }

    private static String zone(Std std, int offset) {
        boolean iso = std.name().startsWith("ISO");
        if (iso && offset == 0) {
            return "Z";
        }
        int abs = Math.abs(offset);
        String hours = pad(abs / 3600, 2);
        String minutes = pad(abs / 60 % 60, 2);
        String seconds = pad(abs % 60, 2);
        String sign = offset < 0 ? "-" : "+";
        return switch (std) {
            case ISO_TZ_SECONDS_COLON, NUM_TZ_SECONDS_COLON -> sign + hours + ":" + minutes + ":" + seconds;
            case ISO_TZ_SECONDS, NUM_TZ_SECONDS -> sign + hours + minutes + seconds;
            case ISO_TZ_COLON, NUM_TZ_COLON -> sign + hours + ":" + minutes;
            case ISO_TZ, NUM_TZ -> sign + hours + minutes;
            default -> sign + hours;
        };
    }

    private static String abbreviation(ZonedDateTime t) {
        if (t.getZone() instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : zone(Std.NUM_TZ, offset.getTotalSeconds());
        }
        if (t.getZone().getId().equals("UTC") || t.getZone().getId().equals("Etc/UTC")) {
            return "UTC";
        }
        return t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static String pad(long value, int width) {
        String text = String.valueOf(Math.abs(value));
        return (value < 0 ? "-" : "") + "0".repeat(Math.max(0, width - text.length())) + text;
    }

    /** Go's {@code Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    static String string(ZonedDateTime t) {
        return format(t, "2006-01-02 15:04:05.999999999 -0700 MST");
    }

    /** RFC 3339 with nanoseconds, as Go writes a time in JSON. */
    static String json(ZonedDateTime t) {
        return format(t, "2006-01-02T15:04:05.999999999Z07:00");
    }

    /**
     * {@code date(value, layout)}: the time {@code value} says in {@code layout}; fields the layout lacks take Go's
     * zero values (year 0, January 1, midnight) and a value without an offset is in {@code zone}.
     *
     * @throws IllegalArgumentException when the value does not match the layout
     */
    static ZonedDateTime parse(String value, String layout, ZoneId zone) {
        Parsed p = new Parsed();
        int v = 0;
        int i = 0;
        while (i < layout.length()) {
            Chunk chunk = next(layout, i);
            i += chunk.length();
            if (chunk.std() == null) {
                if (v >= value.length() || value.charAt(v) != chunk.literal().charAt(0)) {
                    throw mismatch(value, layout);
                }
                v++;
                continue;
            }
            v = field(p, chunk, value, v, layout);
            if ((chunk.std() == Std.ZERO_SECOND || chunk.std() == Std.SECOND) && v < value.length()
                    && (value.charAt(v) == '.' || value.charAt(v) == ',')
                    && (i >= layout.length() || next(layout, i).std() != Std.FRACTION)) {
                int start = ++v; // Go accepts a fraction after the seconds even when the layout has none
                while (v < value.length() && Lexer.isDigit(value.charAt(v))) {
                    v++;
                }
                p.nanos = nanos(value.substring(start, v));
            }
        }
        if (v != value.length()) {
            throw new IllegalArgumentException("date \"" + value + "\" has extra text \"" + value.substring(v)
                    + "\" after layout \"" + layout + "\"");
        }
        try {
            int hour = p.hour;
            if (p.pm != null) {
                if (hour < 1 || hour > 12) {
                    throw mismatch(value, layout);
                }
                hour = hour % 12 + (p.pm ? 12 : 0);
            }
            LocalDate day = p.yearDay > 0 ? LocalDate.ofYearDay(p.year, p.yearDay)
                    : LocalDate.of(p.year, p.month, p.day);
            LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, p.minute, p.second, p.nanos));
            if (p.offset != null) {
                return local.atZone(p.offset);
            }
            if (p.zoneName != null && (p.zoneName.equals("UTC") || p.zoneName.equals("GMT"))) {
                return local.atZone(ZoneOffset.UTC);
            }
            return local.atZone(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date \"" + value + "\" is out of range: " + e.getMessage());
        }
    }

    private static final class Parsed {
        int year;
        int month = 1;
        int day = 1;
        int yearDay;
        int hour;
        int minute;
        int second;
        int nanos;
        Boolean pm;
        ZoneOffset offset;
        String zoneName;
    }

    private static int field(Parsed p, Chunk chunk, String value, int v, String layout) {
        switch (chunk.std()) {
            case LONG_MONTH, MONTH -> {
                for (Month month : Month.values()) {
                    String name = month.getDisplayName(chunk.std() == Std.LONG_MONTH ? TextStyle.FULL
                            : TextStyle.SHORT, Locale.ENGLISH);
                    if (value.regionMatches(true, v, name, 0, name.length())) {
                        p.month = month.getValue();
                        return v + name.length();
                    }
                }
                throw mismatch(value, layout);
            }
            case LONG_WEEKDAY, WEEKDAY -> {
                for (DayOfWeek day : DayOfWeek.values()) {
                    String name = day.getDisplayName(chunk.std() == Std.LONG_WEEKDAY ? TextStyle.FULL
                            : TextStyle.SHORT, Locale.ENGLISH);
                    if (value.regionMatches(true, v, name, 0, name.length())) {
                        return v + name.length();
                    }
                }
                throw mismatch(value, layout);
            }
            case PM, LOWER_PM -> {
                String two = value.length() >= v + 2 ? value.substring(v, v + 2).toUpperCase(Locale.ROOT) : "";
                if (!two.equals("AM") && !two.equals("PM")) {
                    throw mismatch(value, layout);
                }
                p.pm = two.equals("PM");
                return v + 2;
            }
            case TZ -> {
                int end = v;
                while (end < value.length() && (Character.isUpperCase(value.charAt(end)))) {
                    end++;
                }
                if (end - v < 3) {
                    throw mismatch(value, layout);
                }
                p.zoneName = value.substring(v, end);
                return end;
            }
            case FRACTION -> {
                if (v >= value.length() || (value.charAt(v) != '.' && value.charAt(v) != ',')) {
                    if (chunk.nines()) {
                        return v; // .999 may be absent
                    }
                    throw mismatch(value, layout);
                }
                int start = ++v;
                while (v < value.length() && Lexer.isDigit(value.charAt(v))) {
                    v++;
                }
                p.nanos = nanos(value.substring(start, v));
                return v;
            }
            case LONG_YEAR -> {
                p.year = number(value, v, 4, 4, layout);
                return v + 4;
            }
            case YEAR -> {
                int year = number(value, v, 2, 2, layout);
                p.year = year + (year >= 69 ? 1900 : 2000);
                return v + 2;
            }
            default -> {
                if (chunk.std().name().contains("TZ")) {
                    return offset(p, chunk.std(), value, v, layout);
                }
                return numeric(p, chunk.std(), value, v, layout);
            }
        }
    }

    private static int numeric(Parsed p, Std std, String value, int v, String layout) {
        int start = v;
        if (std == Std.UNDER_DAY && v < value.length() && value.charAt(v) == ' ') {
            start = ++v;
        }
        boolean fixed = std.name().startsWith("ZERO") || std == Std.HOUR;
        int width = std == Std.ZERO_YEARDAY ? 3 : 2;
        int end = start;
        while (end < value.length() && end - start < (std == Std.UNDER_YEARDAY ? 3 : width)
                && Lexer.isDigit(value.charAt(end))) {
            end++;
        }
        if (end == start || (fixed && end - start != width)) {
            throw mismatch(value, layout);
        }
        int n = Integer.parseInt(value.substring(start, end));
        switch (std) {
            case NUM_MONTH, ZERO_MONTH -> p.month = n;
            case DAY, UNDER_DAY, ZERO_DAY -> p.day = n;
            case UNDER_YEARDAY, ZERO_YEARDAY -> p.yearDay = n;
            case HOUR, HOUR12, ZERO_HOUR12 -> p.hour = n;
            case MINUTE, ZERO_MINUTE -> p.minute = n;
            default -> p.second = n;
        }
        return end;
    }

    private static int offset(Parsed p, Std std, String value, int v, String layout) {
        if (std.name().startsWith("ISO") && v < value.length() && value.charAt(v) == 'Z') {
            p.offset = ZoneOffset.UTC;
            return v + 1;
        }
        if (v >= value.length() || (value.charAt(v) != '+' && value.charAt(v) != '-')) {
            throw mismatch(value, layout);
        }
        int sign = value.charAt(v) == '-' ? -1 : 1;
        String pattern = std.text.substring(1); // "07:00", "0700", "07", ...
        int hours = number(value, v + 1, 2, 2, layout);
        int at = v + 3;
        int minutes = 0;
        int seconds = 0;
        if (pattern.length() > 2) {
            if (pattern.charAt(2) == ':') {
                expect(value, at++, ':', layout);
            }
            minutes = number(value, at, 2, 2, layout);
            at += 2;
            if (pattern.length() > 5) {
                if (pattern.contains(":")) {
                    expect(value, at++, ':', layout);
                }
                seconds = number(value, at, 2, 2, layout);
                at += 2;
            }
        }
        try {
            p.offset = ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60 + seconds));
        } catch (DateTimeException e) {
            throw mismatch(value, layout);
        }
        return at;
    }

    private static void expect(String value, int at, char c, String layout) {
        if (at >= value.length() || value.charAt(at) != c) {
            throw mismatch(value, layout);
        }
    }

    private static int number(String value, int at, int min, int max, String layout) {
        int end = at;
        while (end < value.length() && end - at < max && Lexer.isDigit(value.charAt(end))) {
            end++;
        }
        if (end - at < min) {
            throw mismatch(value, layout);
        }
        return Integer.parseInt(value.substring(at, end));
    }

    private static int nanos(String digits) {
        String nine = (digits + "000000000").substring(0, 9);
        return digits.isEmpty() ? 0 : Integer.parseInt(nine);
    }

    private static IllegalArgumentException mismatch(String value, String layout) {
        return new IllegalArgumentException("date \"" + value + "\" does not match layout \"" + layout + "\"");
    }
}
