package io.jenkins.plugins.kargo.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real {@code git} command, isolated from the user's and the system's git configuration. */
final class GitCli {

    private GitCli() {
    }

    /** The result of one git command. */
    record Outcome(int exitCode, String out, String err) {
    }

    /** Runs git in {@code dir} and returns its output, trimmed; a failure throws with git's message. */
    static String run(Path dir, Map<String, String> env, String... args) {
        Outcome outcome = attempt(dir, env, args);
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed (" + outcome.exitCode() + "): "
                    + outcome.err());
        }
        return outcome.out().strip();
    }

    static Outcome attempt(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // stderr is small; read it after stdout, which may be large
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Outcome(process.waitFor(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }
}
