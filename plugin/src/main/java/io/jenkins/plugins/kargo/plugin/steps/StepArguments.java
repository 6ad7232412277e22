package io.jenkins.plugins.kargo.plugin.steps;

import io.jenkins.plugins.kargo.plugin.engine.FreightChoice;

import hudson.util.FormValidation;

/** The checks every Kargo step and build step makes of its names, with messages that name the argument. */
public final class StepArguments {

    private StepArguments() {
    }

    /**
     * A required name, trimmed.
     *
     * @throws IllegalArgumentException naming the argument when it is missing
     */
    public static String required(String argument, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(argument + " is required: give " + argument + ": 'NAME'");
        }
        return value.trim();
    }

    /** An optional name, trimmed; null when not given. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The form's check for a required name. */
    public static FormValidation checkRequired(String argument, String value) {
        return value == null || value.isBlank() ? FormValidation.error(argument + " is required")
                : FormValidation.ok();
    }

    /** The form's check for a promotion's choice of Freight. */
    public static FormValidation checkChoice(String freight, String freightAlias, boolean latest, boolean rollback,
                                             String warehouse) {
        try {
            FreightChoice.of(freight, freightAlias, latest, rollback, warehouse);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
