package io.jenkins.plugins.kargo.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * git's smart HTTP protocol on loopback: the JDK's HTTP server hands each request to the real
 * {@code git http-backend} (as a CGI program would be run), behind HTTP Basic authentication when a user is set,
 * or over HTTPS with a self-signed certificate. It listens on a port chosen by the system and is ready when it is
 * returned.
 */
public final class GitHttpServer implements AutoCloseable {

    static final String HTTP_BACKEND = "/usr/lib/git-core/git-http-backend";

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> users = new CopyOnWriteArrayList<>();

    private GitHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param projectRoot the directory whose repositories are served
     * @param user        the user name Basic authentication requires, or null to serve anonymously
     */
    public static GitHttpServer serve(Path projectRoot, String user, String password) {
        try {
            return start(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                    projectRoot, user, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serves anonymously over HTTPS with a self-signed certificate ({@link SelfSignedTls}) kept in
     * {@code keyDirectory}: a client that verifies certificates refuses it.
     */
    public static GitHttpServer serveOverSelfSignedTls(Path projectRoot, Path keyDirectory) {
        try {
            Files.createDirectories(keyDirectory);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(SelfSignedTls.serverContext(keyDirectory, "127.0.0.1")));
            return start(server, projectRoot, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the test certificate", e);
        }
    }

    private static GitHttpServer start(HttpServer server, Path projectRoot, String user, String password) {
        ExecutorService executor = Executors.newCachedThreadPool();
        GitHttpServer git = new GitHttpServer(server, executor);
        String expected = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server.createContext("/", exchange -> {
            try (exchange) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (expected != null && !expected.equals(authorization)) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                if (expected != null) {
                    git.users.add(user);
                }
                git.backend(exchange, projectRoot, user);
            }
        });
        server.setExecutor(executor);
        server.start();
        return git;
    }

    /** {@code http://127.0.0.1:PORT/<repository>}, or {@code https://} */
    public String url(String repository) {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort()
                + "/" + repository;
    }

    /** The user of every request that passed authentication, in order. */
    public List<String> authenticatedRequests() {
        return List.copyOf(users);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void backend(HttpExchange exchange, Path projectRoot, String user) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(HTTP_BACKEND).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("REMOTE_USER", user == null ? "" : user);
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        Process process = builder.start();
        // the request body is written while the answer is read, so that neither side's pipe fills up
        CompletableFuture<Void> body = CompletableFuture.runAsync(() -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = process.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
        InputStream answer = process.getInputStream();
        int status = 200;
        for (String line; !(line = headerLine(answer)).isEmpty(); ) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.substring(0, 3));
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            answer.transferTo(out);
        }
        body.join();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyHeader(HttpExchange exchange, String header, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    /** One CGI header line without its line end; empty at the blank line that ends the headers (or at the end). */
    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
