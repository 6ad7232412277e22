// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/AbortException.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }

    private static final long serialVersionUID = 1L;
}
