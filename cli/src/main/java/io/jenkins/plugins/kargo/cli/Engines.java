package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.credentials.SecretCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the engine for a command: the store under the state directory, and credentials from
 * {@code credentials.yaml} there (Kargo credential Secrets), read for this command only and never stored.
 */
final class Engines {

    static final String CREDENTIALS_FILE = "credentials.yaml";

    private Engines() {
    }

    static KargoEngine open(GlobalOptions global, PrintWriter err) {
        return open(global.stateDirectory(), new ConsoleEvents(err));
    }

    /** An engine reporting to {@code console}, which also hears the approvals verifications wait for. */
    static KargoEngine open(Path state, ConsoleEvents console) {
        KargoEngine engine = KargoEngine.open(state, credentials(state), console);
        engine.addListener(console);
        return engine;
    }

    private static CredentialsProvider credentials(Path state) {
        Path file = state.resolve(CREDENTIALS_FILE);
        if (!Files.isRegularFile(file)) {
            return CredentialsProvider.NONE;
        }
        try {
            return SecretCredentials.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
    }
}
