// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.csrf.CrumbIssuer;
import java.io.File;
import org.springframework.security.core.Authentication;

public class Jenkins implements AccessControlled {
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public CrumbIssuer getCrumbIssuer() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public static @NonNull Authentication getAuthentication2() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public static final Permission ADMINISTER = null;

    public static final Permission READ = null;
}
