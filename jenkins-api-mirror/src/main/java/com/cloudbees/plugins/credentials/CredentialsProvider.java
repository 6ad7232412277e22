// Mirror (compile-only, never shipped) of jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java at d96751bcc06d: upstream's signatures, bodies only where unit tests run them.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.model.Run;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class CredentialsProvider {
    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
                                                                 @NonNull Run<?, ?> run) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(@NonNull Class<C> type, @Nullable Item item,
                                                                          @Nullable Authentication authentication) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
