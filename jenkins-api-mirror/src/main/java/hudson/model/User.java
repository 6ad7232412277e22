// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/User.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public class User {
    public String getId() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public static @CheckForNull User current() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
