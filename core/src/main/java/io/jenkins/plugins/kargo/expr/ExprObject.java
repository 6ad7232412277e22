package io.jenkins.plugins.kargo.expr;

import java.util.List;

/**
 * A value with methods an expression may call ({@code semverParse(v).IncMinor().String()}), for functions that hand
 * out more than plain data. Only the methods an implementation answers exist: nothing is found by reflection.
 * Implementations are immutable and their methods free of side effects.
 */
public interface ExprObject {

    /** The name {@code type(x)} gives, e.g. {@code semver.Version}. */
    String typeName();

    /**
     * Calls a method.
     *
     * @param arguments the evaluated arguments (plain data, or other values of the engine)
     * @throws IllegalArgumentException naming the method when it does not exist or the arguments do not fit
     */
    Object call(String method, List<Object> arguments);

    /** The value as plain data when an expression's result is or contains this object (Kargo: its JSON form). */
    Object toData();
}
