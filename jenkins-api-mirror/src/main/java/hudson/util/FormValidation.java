// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public static FormValidation error(String message) {
        return new FormValidation(Kind.ERROR, message) {
        };
    }

    public static FormValidation ok() {
        return new FormValidation(Kind.OK, null) {
        };
    }

    public static FormValidation validatePositiveInteger(String value) {
        try {
            if (Integer.parseInt(value) <= 0) {
                return error("Not a positive integer");
            }
        } catch (NumberFormatException e) {
            return error("Not a number");
        }
        return ok();
    }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }
}
