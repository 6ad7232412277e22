package io.jenkins.plugins.kargo.promotion.expression;

import java.math.BigInteger;
import java.math.MathContext;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL's strict arithmetic with expr-lang's division, which Kargo and Argo Rollouts users expect: {@code 7 / 2} is
 * 3.5, not 3 (an exact quotient such as {@code 8 / 2} stays the integer 4).
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

    private static boolean integral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || (value instanceof BigInteger big && big.bitLength() < 64);
    }
}
