package io.jenkins.plugins.kargo.promotion.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bare repository on disk with branch {@code main}, set up and inspected with the real {@code git} command, so
 * what the steps did is checked by git itself rather than by the library under test.
 */
record BareRepository(Path directory) {

    static BareRepository create(Path directory, Map<String, String> files) throws IOException, InterruptedException {
        git(directory.getParent(), "init", "--bare", "--initial-branch=main", directory.toString());
        Path seed = Files.createTempDirectory(directory.getParent(), "seed");
        git(seed, "init", "--initial-branch=main", ".");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.createDirectories(seed.resolve(file.getKey()).getParent());
            Files.writeString(seed.resolve(file.getKey()), file.getValue());
        }
        git(seed, "add", "-A");
        git(seed, "commit", "-q", "-m", "initial");
        git(seed, "push", "-q", directory.toString(), "main");
        return new BareRepository(directory);
    }

    /** As another user would: clones, writes one file, commits and pushes to {@code main}. Returns the new commit. */
    String pushFromElsewhere(Path scratch, String file, String content, String message) throws IOException, InterruptedException {
        Path clone = Files.createTempDirectory(scratch, "elsewhere");
        git(scratch, "clone", "-q", directory.toString(), clone.toString());
        Files.createDirectories(clone.resolve(file).getParent());
        Files.writeString(clone.resolve(file), content);
        git(clone, "add", "-A");
        git(clone, "commit", "-q", "-m", message);
        git(clone, "push", "-q", "origin", "main");
        return head("main");
    }

    String head(String branch) throws IOException, InterruptedException {
        return git(directory, "rev-parse", "refs/heads/" + branch).strip();
    }

    /** Subjects of the branch's commits, newest first. */
    List<String> subjects(String branch) throws IOException, InterruptedException {
        return git(directory, "log", "--format=%s", "refs/heads/" + branch).lines().toList();
    }

    String show(String branch, String path) throws IOException, InterruptedException {
        return git(directory, "show", branch + ":" + path);
    }

    static String git(Path cwd, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add("git");
        builder.command().addAll(List.of(args));
        builder.directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("GIT_AUTHOR_NAME", "Someone Else", "GIT_AUTHOR_EMAIL", "else@example.com",
                "GIT_COMMITTER_NAME", "Someone Else", "GIT_COMMITTER_EMAIL", "else@example.com",
                "GIT_CONFIG_NOSYSTEM", "1", "HOME", cwd.toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed in " + cwd + ":\n" + output);
        }
        return output;
    }
}
