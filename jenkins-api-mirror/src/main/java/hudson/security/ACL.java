// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;
}
