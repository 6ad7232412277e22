// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Run.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.IOException;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint, Comparable<RunT>, AccessControlled {

    @Override
    public void addAction(@NonNull Action a) {
        super.addAction(a);
    }

    public @CheckForNull Result getResult() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public @CheckForNull <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public @CheckForNull RunT getPreviousBuild() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
