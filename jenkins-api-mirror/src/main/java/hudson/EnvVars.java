// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
    }
}
