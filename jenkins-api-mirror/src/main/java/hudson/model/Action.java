// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Action.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public interface Action extends ModelObject {
    @CheckForNull String getIconFileName();

    @Override
    @CheckForNull String getDisplayName();

    @CheckForNull String getUrlName();
}
