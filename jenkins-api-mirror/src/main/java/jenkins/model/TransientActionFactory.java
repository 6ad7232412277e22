// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/jenkins/model/TransientActionFactory.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public /* abstract */ Class<? extends Action> actionType() {
        return Action.class;
    }

    public abstract @NonNull Collection<? extends Action> createFor(@NonNull T target);
}
