package io.jenkins.plugins.kargo.application.command;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where {@code apply} reads Kargo YAML from: a directory (recursively) or a file, a stream such as stdin, or a
 * directory (or file) on a branch of a git repository.
 */
public sealed interface ConfigInput {

    static ConfigInput path(Path path) {
        return new FromPath(path);
    }

    static ConfigInput stream(InputStream in) {
        return new FromStream(in);
    }

    /**
     * @param path the directory or file in the repository; empty: the whole repository
     */
    static ConfigInput git(String repoURL, String branch, String path) {
        return new FromGit(repoURL, branch, path);
    }

    record FromPath(Path path) implements ConfigInput {
    }

    record FromStream(InputStream in) implements ConfigInput {
    }

    /**
     * Read from the last commit of {@code branch}, with the repository's git credentials from the credentials port;
     * problems name the file as {@code REPO_URL@BRANCH:PATH}.
     */
    record FromGit(String repoURL, String branch, String path) implements ConfigInput {
        public FromGit {
            if (repoURL == null || repoURL.isBlank() || branch == null || branch.isBlank()) {
                throw new IllegalArgumentException("a git project source needs a repository URL and a branch");
            }
            path = path == null ? "" : path.strip().replaceAll("^/+|/+$", "");
            if (path.contains("..")) {
                throw new IllegalArgumentException("the path of a git project source must stay inside the "
                        + "repository: '" + path + "'");
            }
        }
    }
}
