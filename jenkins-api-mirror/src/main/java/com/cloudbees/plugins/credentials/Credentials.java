// Mirror (compile-only, never shipped) of jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/Credentials.java at d96751bcc06d: upstream's signatures, bodies only where unit tests run them.
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    @CheckForNull
    CredentialsScope getScope();

    @NonNull
    CredentialsDescriptor getDescriptor();
}
