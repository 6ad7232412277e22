// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.jvnet.localizer.Localizable;

public final class PermissionGroup {
    public PermissionGroup(@NonNull Class owner, Localizable title) throws IllegalStateException {
    }
}
