// Mirror (compile-only, never shipped) of jenkinsci/plain-credentials-plugin src/main/java/org/jenkinsci/plugins/plaincredentials/FileCredentials.java at 19caf8fbf4ad: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;

public interface FileCredentials extends StandardCredentials {
    @NonNull String getFileName();

    @NonNull InputStream getContent() throws IOException;
}
