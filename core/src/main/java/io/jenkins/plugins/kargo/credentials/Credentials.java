package io.jenkins.plugins.kargo.credentials;

/**
 * A secret to authenticate to a registry or a git server. {@link #toString()} never shows the secret, so a
 * credential that ends up in a log line, an exception or the UI leaks nothing.
 */
public sealed interface Credentials permits Credentials.UsernamePassword, Credentials.Token, Credentials.SshKey {

    /** A user name and a password (or a token used as a password, as registries accept). */
    record UsernamePassword(String username, String password) implements Credentials {
        @Override
        public String toString() {
            return "UsernamePassword[username=" + username + ", password=****]";
        }
    }

    /** A bearer token, such as an npm automation token. */
    record Token(String token) implements Credentials {
        @Override
        public String toString() {
            return "Token[****]";
        }
    }

    /** A private key (PEM or OpenSSH format, unencrypted) for git over SSH: Kargo's {@code sshPrivateKey}. */
    record SshKey(String privateKey) implements Credentials {
        @Override
        public String toString() {
            return "SshKey[****]";
        }
    }
}
