// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/security/PermissionScope.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.security;

public final class PermissionScope {
    public static final PermissionScope JENKINS = null;
}
