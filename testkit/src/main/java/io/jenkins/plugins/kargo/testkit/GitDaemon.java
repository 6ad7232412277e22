package io.jenkins.plugins.kargo.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code git daemon} on loopback serving every repository under a base directory over {@code git://},
 * pushes included. Ready when the daemon says so on its log ("Ready to rumble"), so no test waits blindly; a port
 * taken between choosing and binding it is retried with another.
 */
public final class GitDaemon implements AutoCloseable {

    private static final Path DAEMON = Path.of("/usr/lib/git-core/git-daemon");

    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static GitDaemon serve(Path baseDirectory) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder(DAEMON.toString(), "--verbose", "--reuseaddr", "--export-all",
                    "--enable=receive-pack", "--base-path=" + baseDirectory.toAbsolutePath(), "--listen=127.0.0.1",
                    "--port=" + port, baseDirectory.toAbsolutePath().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                awaitReady(process);
                return new GitDaemon(process, port);
            } catch (IOException e) {
                process.destroy();
                process.waitFor();
                last = e;
            }
        }
        throw last;
    }

    /** Reads the daemon's log until it is listening; the rest of the log is drained so the daemon never blocks. */
    private static void awaitReady(Process process) throws IOException, InterruptedException {
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = log.readLine()) != null; ) {
                    if (!ready.isDone()) {
                        seen.append(line).append('\n');
                        if (line.contains("Ready to rumble")) {
                            ready.complete(null);
                        }
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IOException("git daemon exited before it was ready:\n" + seen));
        }, "git-daemon-log");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw new IOException("git daemon did not report ready within 30 s:\n" + seen);
        }
    }

    /** {@code git://127.0.0.1:PORT/NAME} for a repository directory {@code NAME} under the base directory. */
    public String url(String repository) {
        return "git://127.0.0.1:" + port + "/" + repository;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
