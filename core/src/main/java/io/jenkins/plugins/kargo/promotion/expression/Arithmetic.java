package io.jenkins.plugins.kargo.promotion.expression;

import java.math.BigInteger;
import java.math.MathContext;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL's strict arithmetic with expr-lang's division, which Kargo and Argo Rollouts users expect: {@code 7 / 2} is
 * 3.5, not 3 (an exact quotient such as {@code 8 / 2} stays the integer 4); and, as in Go, an ordering comparison
 * with NaN is false (JEXL alone says {@code NaN < 0.05}, which would pass a canary check on a Prometheus 0/0).
 */
final class Arithmetic extends JexlArithmetic {

    Arithmetic() {
        super(true);
    }

    /** The constructor JEXL uses to derive an arithmetic with other options. */
    public Arithmetic(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    @Override
    public Object divide(Object left, Object right) {
        Object quotient = super.divide(left, right);
        if (integral(left) && integral(right)) {
            long dividend = ((Number) left).longValue();
            long divisor = ((Number) right).longValue();
            if (dividend % divisor != 0) {
                return (double) dividend / divisor;
            }
        }
        return quotient;
    }

    @Override
    public boolean lessThan(Object left, Object right) {
        return !nan(left, right) && super.lessThan(left, right);
    }

    @Override
    public boolean lessThanOrEqual(Object left, Object right) {
        return !nan(left, right) && super.lessThanOrEqual(left, right);
    }

    @Override
    public boolean greaterThan(Object left, Object right) {
        return !nan(left, right) && super.greaterThan(left, right);
    }

    @Override
    public boolean greaterThanOrEqual(Object left, Object right) {
        return !nan(left, right) && super.greaterThanOrEqual(left, right);
    }

    private static boolean nan(Object left, Object right) {
        return isNaN(left) || isNaN(right);
    }

    private static boolean isNaN(Object value) {
        return (value instanceof Double d && d.isNaN()) || (value instanceof Float f && f.isNaN());
    }

    private static boolean integral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || (value instanceof BigInteger big && big.bitLength() < 64);
    }
}
