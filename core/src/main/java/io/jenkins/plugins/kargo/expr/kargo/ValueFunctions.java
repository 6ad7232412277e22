package io.jenkins.plugins.kargo.expr.kargo;

import io.jenkins.plugins.kargo.expr.Functions;
import io.jenkins.plugins.kargo.expr.Json;
import java.util.Set;

/**
 * Kargo's value functions, wherever {@code ${{ }}} is: {@code quote(x)} (x as a string: a string as it is, anything
 * else its JSON text), {@code unsafeQuote(x)} (x's JSON text, quotes included for a string), {@code asJSON(x)}
 * (pretty JSON and a newline) and {@code asYAML(x)} (YAML). Their results stay strings in a template: Kargo marks
 * them so its re-reading of a template's result (which makes {@code 42} a number) leaves them alone; here the
 * template evaluator recognises the very strings these functions made.
 */
public final class ValueFunctions {

    private ValueFunctions() {
    }

    /** The functions for expressions outside templates (an {@code http} step's {@code successExpression}, ...). */
    public static Functions plain() {
        return library(null);
    }

    /** The functions for one template: every string they make is added to {@code made} (an identity set). */
    static Functions tracking(Set<Object> made) {
        return library(made);
    }

    private static Functions library(Set<Object> made) {
        return Functions.builder()
                .add("quote", 1, a -> mark(made, a.get(0) instanceof String s ? new String(s)
                        : Json.write(a.get(0), false, a.budget())))
                .add("unsafeQuote", 1, a -> mark(made, Json.write(a.get(0), false, a.budget())))
                .add("asJSON", 1, a -> mark(made, Json.write(a.get(0), true, a.budget()) + "\n"))
                .add("asYAML", 1, a -> mark(made, YamlText.write(a.data(0), a.budget())))
                .build();
    }

    private static String mark(Set<Object> made, String text) {
        String fresh = new String(text); // a new instance: marking it marks nothing else
        if (made != null) {
            made.add(fresh);
        }
        return fresh;
    }
}
