package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.credentials.SecretCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the engine for a command: the store under the state directory, and credentials from
 * {@code credentials.yaml} there (Kargo credential Secrets), read for this command only and never stored.
 */
final class Engines {

    static final String CREDENTIALS_FILE = "credentials.yaml";

    private Engines() {
    }

    static Kargo open(GlobalOptions global, PrintWriter err) {
        return open(global.stateDirectory(), new ConsoleEvents(err));
    }

    /** The engine reporting to {@code console}, which also hears the approvals verifications wait for. */
    static Kargo open(Path state, ConsoleEvents console) {
        return Kargo.builder(state).credentials(credentials(state)).events(console).listener(console).build();
    }

    /** Read when a command first asks for credentials, so a broken file stops only the commands that need it. */
    private static CredentialsProvider credentials(Path state) {
        Path file = state.resolve(CREDENTIALS_FILE);
        if (!Files.isRegularFile(file)) {
            return CredentialsProvider.NONE;
        }
        return new CredentialsProvider() {
            private CredentialsProvider read;

            @Override
            public synchronized Optional<Credentials> find(String repoURL, CredentialKind kind) {
                if (read == null) {
                    read = read(file);
                }
                return read.find(repoURL, kind);
            }
        };
    }

    private static CredentialsProvider read(Path file) {
        try {
            return SecretCredentials.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
    }
}
