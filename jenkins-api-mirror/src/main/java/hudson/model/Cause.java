// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Cause.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public abstract class Cause {
    public abstract String getShortDescription();

    public static class UserIdCause extends Cause {
        private final String userId;

        public UserIdCause(@CheckForNull String userId) {
            this.userId = userId;
        }

        public String getUserId() {
            return userId;
        }

        @Override
        public String getShortDescription() {
            return "Started by user " + userId;
        }
    }
}
