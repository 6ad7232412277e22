package io.jenkins.plugins.kargo.credentials;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;

/**
 * Answers JGit's questions for one git operation, for discovery and promotion alike: the user name and password
 * (a token is sent as the password of {@value #TOKEN_USER}, as GitHub and GitLab accept) and, only when TLS
 * verification is to be skipped, "trust now" to JGit's prompt about a certificate it cannot verify, never "for
 * this repository" or "always", which JGit would write into a configuration file. Nothing else is answered, so
 * JGit fails instead of waiting for a person.
 */
public final class JGitPrompts extends org.eclipse.jgit.transport.CredentialsProvider {

    public static final String TOKEN_USER = "x-access-token";

    private final Credentials credentials;
    private final boolean trustUnverifiedCertificate;

    /**
     * @param credentials                the user name and password or token to give, or null (an SSH key is
     *                                   not given here: JGit's SSH transport takes it)
     * @param trustUnverifiedCertificate the subscription or step says {@code insecureSkipTLSVerify}
     */
    public JGitPrompts(Credentials credentials, boolean trustUnverifiedCertificate) {
        this.credentials = credentials instanceof Credentials.UsernamePassword || credentials instanceof Credentials.Token
                ? credentials : null;
        this.trustUnverifiedCertificate = trustUnverifiedCertificate;
    }

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
            return credentials != null;
        }
        return trustUnverifiedCertificate
                && (item instanceof CredentialItem.InformationalMessage || item instanceof CredentialItem.YesNoType);
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        boolean firstQuestion = true; // "trust now" is JGit's first yes/no question
        for (CredentialItem item : items) {
            if (!supports(item)) {
                throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName() + ": " + item.getPromptText());
            }
            if (item instanceof CredentialItem.Username user) {
                user.setValue(credentials instanceof Credentials.UsernamePassword up ? up.username() : TOKEN_USER);
            } else if (item instanceof CredentialItem.Password password) {
                password.setValue((credentials instanceof Credentials.UsernamePassword up ? up.password()
                        : ((Credentials.Token) credentials).token()).toCharArray());
            } else if (item instanceof CredentialItem.YesNoType question) {
                question.setValue(firstQuestion);
                firstQuestion = false;
            }
        }
        return true;
    }
}
