// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    @NonNull ACL getACL();

    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
