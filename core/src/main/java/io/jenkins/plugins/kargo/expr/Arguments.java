package io.jenkins.plugins.kargo.expr;

import java.util.List;
import java.util.Map;

/**
 * The evaluated arguments of one call of a {@link Function}, with typed access that fails with a message naming the
 * function and the argument, and the evaluation's {@link Budget} for functions that do work in proportion to their
 * input.
 */
public final class Arguments {

    private final String function;
    private final List<Object> values;
    private final Budget budget;

    Arguments(String function, List<Object> values, Budget budget) {
        this.function = function;
        this.values = values;
        this.budget = budget;
    }

    public String function() {
        return function;
    }

    public int size() {
        return values.size();
    }

    /** The argument as the engine holds it: plain data, a time, a duration or an {@link ExprObject}. */
    public Object get(int index) {
        return values.get(index);
    }

    public String string(int index) {
        Object value = values.get(index);
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(index, "a string", value);
    }

    public long integer(int index) {
        Object value = values.get(index);
        if (Values.isInteger(value)) {
            return ((Number) value).longValue();
        }
        throw wrongType(index, "an integer", value);
    }

    public Map<?, ?> map(int index) {
        Object value = values.get(index);
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw wrongType(index, "a map", value);
    }

    public List<?> list(int index) {
        Object value = values.get(index);
        if (value instanceof List<?> list) {
            return list;
        }
        throw wrongType(index, "a list", value);
    }

    /**
     * The argument as plain data (null, Boolean, Long, Double, String, Lists and Maps of those; times and durations
     * as Kargo renders them), converted within the budget.
     */
    public Object data(int index) {
        return Values.toData(values.get(index), budget, 1);
    }

    public Budget budget() {
        return budget;
    }

    /** The argument's type as {@code type(x)} names it, for messages. */
    public static String typeOf(Object value) {
        return Values.type(value);
    }

    private IllegalArgumentException wrongType(int index, String wanted, Object value) {
        return new IllegalArgumentException(function + "(): argument " + (index + 1) + " must be " + wanted
                + ", not " + Values.describe(value));
    }
}
