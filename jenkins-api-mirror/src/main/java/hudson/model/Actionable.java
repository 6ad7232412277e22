// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public abstract class Actionable {
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    @Deprecated
    @NonNull
    public List<Action> getActions() {
        return actions;
    }

    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                found.add(type.cast(a));
            }
        }
        return found;
    }

    public void addAction(@NonNull Action a) {
        actions.add(a);
    }

    public <T extends Action> T getAction(Class<T> type) {
        List<T> found = getActions(type);
        return found.isEmpty() ? null : found.get(0);
    }
}
