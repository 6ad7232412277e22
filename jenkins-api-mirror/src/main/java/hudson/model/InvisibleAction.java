// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/InvisibleAction.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
