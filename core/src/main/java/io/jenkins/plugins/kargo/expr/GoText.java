package io.jenkins.plugins.kargo.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * How Go writes numbers and durations, so that {@code string(x)}, {@code toJSON(x)} and {@code duration(s)} give what
 * Kargo and Argo Rollouts users see: {@code fmt}'s {@code %v} for floats ({@code 1e+06}, {@code 0.5}),
 * {@code encoding/json}'s floats ({@code 3} for 3.0, exponent only below 1e-6 or from 1e21), and
 * {@code time.Duration}'s {@code String()} and {@code ParseDuration}.
 */
final class GoText {

    private GoText() {
    }

    /** Go's {@code %v} of a float64: the shortest digits, exponent form when the exponent is below -4 or from 6. */
    static String floatV(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        Decimal d = Decimal.of(value);
        int exponent = d.point - 1;
        return exponent < -4 || exponent >= 6 ? d.exponential() : d.plain();
    }

    /** {@code encoding/json}'s float: plain digits unless below 1e-6 or from 1e21, then {@code 1e-7}, {@code 1e+21}. */
    static String floatJson(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw Failure.evaluation("JSON has no value for " + floatV(value));
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        double abs = Math.abs(value);
        Decimal d = Decimal.of(value);
        if (abs < 1e-6 || abs >= 1e21) {
            return d.exponential().replaceFirst("e-0(\\d)$", "e-$1");
        }
        return d.plain();
    }

    /** A float's shortest decimal digits and where its point goes: 0.015 is digits "15", point -1. */
    private record Decimal(boolean negative, String digits, int point) {

        static Decimal of(double value) {
            BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
            String digits = exact.unscaledValue().toString();
            return new Decimal(value < 0, digits, digits.length() - exact.scale());
        }

        String plain() {
            StringBuilder out = new StringBuilder(negative ? "-" : "");
            if (point <= 0) {
                out.append("0.").append("0".repeat(-point)).append(digits);
            } else if (point >= digits.length()) {
                out.append(digits).append("0".repeat(point - digits.length()));
            } else {
                out.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
            return out.toString();
        }

        String exponential() {
            int exponent = point - 1;
            StringBuilder out = new StringBuilder(negative ? "-" : "").append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            String magnitude = String.valueOf(Math.abs(exponent));
            return out.append('e').append(exponent < 0 ? '-' : '+').append(magnitude.length() < 2 ? "0" : "")
                    .append(magnitude).toString();
        }
    }

    /** Go's {@code Duration.String()}: {@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}. */
    static String duration(Duration duration) {
        BigInteger nanos = BigInteger.valueOf(duration.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(duration.getNano()));
        if (nanos.signum() == 0) {
            return "0s";
        }
        String sign = nanos.signum() < 0 ? "-" : "";
        BigInteger abs = nanos.abs();
        if (abs.compareTo(BigInteger.valueOf(1_000_000_000L)) < 0) {
            long n = abs.longValue();
            if (n < 1_000) {
                return sign + n + "ns";
            }
            if (n < 1_000_000) {
                return sign + fraction(n, 1_000) + "µs";
            }
            return sign + fraction(n, 1_000_000) + "ms";
        }
        BigInteger[] hoursAndRest = abs.divideAndRemainder(BigInteger.valueOf(3_600_000_000_000L));
        long rest = hoursAndRest[1].longValue();
        long minutes = rest / 60_000_000_000L;
        long secondNanos = rest % 60_000_000_000L;
        StringBuilder out = new StringBuilder(sign);
        if (hoursAndRest[0].signum() > 0) {
            out.append(hoursAndRest[0]).append('h').append(minutes).append('m');
        } else if (minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(fraction(secondNanos, 1_000_000_000L)).append('s').toString();
    }

    private static String fraction(long value, long unit) {
        String whole = String.valueOf(value / unit);
        long part = value % unit;
        if (part == 0) {
            return whole;
        }
        String digits = String.format("%0" + String.valueOf(unit).length() + "d", part).substring(1)
                .replaceFirst("0+$", "");
        return whole + "." + digits;
    }

    /**
     * Go's {@code time.ParseDuration}: a sequence of decimal numbers with units ({@code ns}, {@code us}/{@code µs},
     * {@code ms}, {@code s}, {@code m}, {@code h}), with an optional sign: {@code 1h30m}, {@code -1.5s}, {@code 0}.
     *
     * @throws IllegalArgumentException saying what is wrong, as Go's message does
     */
    static Duration parseDuration(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
            }
            long unitNanos = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text
                        + "\"");
            };
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(unitNanos)));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.bitLength() > 63) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        return Duration.ofNanos(negative ? -nanos.longValue() : nanos.longValue());
    }
}
