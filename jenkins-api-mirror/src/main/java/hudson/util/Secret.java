// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;

public final class Secret implements Serializable {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return value;
    }

    public String getPlainText() {
        return value;
    }

    public static Secret fromString(@CheckForNull String data) {
        return new Secret(data == null ? "" : data);
    }
}
