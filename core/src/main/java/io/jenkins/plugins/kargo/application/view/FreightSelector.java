package io.jenkins.plugins.kargo.application.view;

/**
 * Which Freight a command or query means: by name, by alias, either, or the newest one available to the stage (from
 * one warehouse, Kargo's {@code promote --warehouse}, or from any).
 */
public sealed interface FreightSelector {

    static FreightSelector byName(String name) {
        return new NameOrAlias(name);
    }

    static FreightSelector byAlias(String alias) {
        return new NameOrAlias(alias);
    }

    /** A name or an alias, whichever it is (Kargo's commands accept both). */
    static FreightSelector byNameOrAlias(String nameOrAlias) {
        return new NameOrAlias(nameOrAlias);
    }

    /** The newest Freight from {@code warehouse} that is available to the stage (the auto-promotion candidate). */
    static FreightSelector newestFrom(String warehouse) {
        return new NewestFrom(warehouse);
    }

    /** The newest Freight available to the stage from any warehouse it requests from. */
    static FreightSelector newestAvailable() {
        return new NewestAvailable();
    }

    record NameOrAlias(String value) implements FreightSelector {
    }

    record NewestFrom(String warehouse) implements FreightSelector {
    }

    record NewestAvailable() implements FreightSelector {
    }
}
