package io.jenkins.plugins.kargo.promotion.git;

import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;

/**
 * How to reach one remote repository: its credentials and whether to skip TLS verification. Credentials are
 * handed to JGit per command, so they never appear in a remote URL, a {@code .git/config} or a log line.
 */
public record RemoteAccess(Optional<Credentials> credentials, boolean insecureSkipTLSVerify) {

    /** A token is sent as the password of this user, which GitHub, GitLab, Gitea and Bitbucket all accept. */
    static final String TOKEN_USER = "x-access-token";

    public static RemoteAccess anonymous() {
        return new RemoteAccess(Optional.empty(), false);
    }

    public static RemoteAccess lookup(CredentialsProvider provider, String repoURL, boolean insecureSkipTLSVerify) {
        return new RemoteAccess(provider.find(repoURL, CredentialKind.git), insecureSkipTLSVerify);
    }

    /** Configures a JGit fetch, push or clone with this access. */
    <C extends TransportCommand<C, ?>> C applyTo(C command) {
        return command.setCredentialsProvider(new JGitCredentials());
    }

    /**
     * Answers JGit's questions: the user name and password when asked, and, only when TLS verification is to be
     * skipped, "trust now" to JGit's prompt about an unverifiable certificate (never "trust for this repository"
     * or "always", which JGit would write into a configuration file).
     */
    private final class JGitCredentials extends org.eclipse.jgit.transport.CredentialsProvider {

        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean supports(CredentialItem... items) {
            for (CredentialItem item : items) {
                if (!supports(item)) {
                    return false;
                }
            }
            return true;
        }

        private boolean supports(CredentialItem item) {
            if (item instanceof CredentialItem.Username || item instanceof CredentialItem.Password) {
                return credentials.isPresent();
            }
            return insecureSkipTLSVerify
                    && (item instanceof CredentialItem.InformationalMessage || item instanceof CredentialItem.YesNoType);
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
            boolean firstQuestion = true;
            for (CredentialItem item : items) {
                if (!supports(item)) {
                    throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName() + ": " + item.getPromptText());
                }
                Credentials c = credentials.orElse(null);
                if (item instanceof CredentialItem.Username u) {
                    u.setValue(c instanceof Credentials.UsernamePassword up ? up.username() : TOKEN_USER);
                } else if (item instanceof CredentialItem.Password p) {
                    p.setValue((c instanceof Credentials.UsernamePassword up ? up.password()
                            : ((Credentials.Token) c).token()).toCharArray());
                } else if (item instanceof CredentialItem.YesNoType y) {
                    y.setValue(firstQuestion);
                    firstQuestion = false;
                }
            }
            return true;
        }
    }
}
