// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/security/csrf/CrumbIssuer.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.security.csrf;

import jakarta.servlet.ServletRequest;

public abstract class CrumbIssuer {
    public String getCrumbRequestField() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public boolean validateCrumb(ServletRequest request) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
