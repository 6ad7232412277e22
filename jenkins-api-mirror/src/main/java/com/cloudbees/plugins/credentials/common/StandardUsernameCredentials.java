// Mirror (compile-only, never shipped) of jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/StandardUsernameCredentials.java at d96751bcc06d: upstream's signatures, bodies only where unit tests run them.
package com.cloudbees.plugins.credentials.common;

public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {
}
