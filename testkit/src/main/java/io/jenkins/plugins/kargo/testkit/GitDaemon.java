package io.jenkins.plugins.kargo.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real {@code git daemon} serving every repository under a directory on {@code git://127.0.0.1:PORT/}, on a port
 * free at start. It is ready when {@code git ls-remote} of a repository it serves succeeds, tried in a bounded
 * loop (no sleeps). Closing it stops the daemon and the processes it started.
 */
public final class GitDaemon implements AutoCloseable {

    static final String DAEMON = "/usr/lib/git-core/git-daemon";
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param basePath   the directory whose repositories are served ({@code --base-path})
     * @param readyProbe a repository under {@code basePath}, such as {@code app.git}, to probe readiness with
     */
    public static GitDaemon serve(Path basePath, String readyProbe) {
        int port = freePort();
        Process process;
        try {
            process = new ProcessBuilder(DAEMON, "--export-all", "--base-path=" + basePath, "--listen=127.0.0.1",
                    "--port=" + port, "--reuseaddr", basePath.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + DAEMON + " (Debian package git)", e);
        }
        GitDaemon daemon = new GitDaemon(process, port);
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        GitCli.Outcome last;
        do {
            if (!process.isAlive()) {
                throw new IllegalStateException("git daemon exited with " + process.exitValue() + " on port " + port);
            }
            last = GitCli.attempt(basePath, Map.of(), "ls-remote", daemon.url(readyProbe));
            if (last.exitCode() == 0) {
                return daemon;
            }
        } while (System.nanoTime() < deadline);
        daemon.close();
        throw new IllegalStateException("git daemon on port " + port + " did not answer within " + READY_WITHIN
                + ": " + last.err());
    }

    /** {@code git://127.0.0.1:PORT/<repository>} */
    public String url(String repository) {
        return "git://127.0.0.1:" + port + "/" + repository;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
