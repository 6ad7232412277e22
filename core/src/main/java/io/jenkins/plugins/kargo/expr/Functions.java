package io.jenkins.plugins.kargo.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The functions an expression may call besides expr-lang's built-ins, each with the number of arguments it takes.
 * Immutable; {@link #with} combines libraries (Kargo's value functions, the Freight functions, a step's own). A name
 * may be given once, and never a built-in's.
 */
public final class Functions {

    /** One function and how many arguments it takes. */
    public record Entry(String name, int minArguments, int maxArguments, Function function) {
    }

    public static final Functions NONE = new Functions(Map.of());

    private final Map<String, Entry> entries;

    private Functions(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Entry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Set<String> names() {
        return entries.keySet();
    }

    /** Both libraries; a name in both is an error. */
    public Functions with(Functions other) {
        Map<String, Entry> all = new LinkedHashMap<>(entries);
        for (Entry entry : other.entries.values()) {
            if (all.putIfAbsent(entry.name(), entry) != null) {
                throw new IllegalArgumentException("function " + entry.name() + "() is defined twice");
            }
        }
        return new Functions(all);
    }

    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** A function taking exactly {@code arguments} arguments. */
        public Builder add(String name, int arguments, Function function) {
            return add(name, arguments, arguments, function);
        }

        public Builder add(String name, int minArguments, int maxArguments, Function function) {
            if (Builtins.isBuiltin(name)) {
                throw new IllegalArgumentException(name + "() is an expr-lang built-in and cannot be replaced");
            }
            if (entries.putIfAbsent(name, new Entry(name, minArguments, maxArguments, function)) != null) {
                throw new IllegalArgumentException("function " + name + "() is defined twice");
            }
            return this;
        }

        public Functions build() {
            return new Functions(new LinkedHashMap<>(entries));
        }
    }
}
