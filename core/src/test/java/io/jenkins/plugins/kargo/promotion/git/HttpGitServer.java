package io.jenkins.plugins.kargo.promotion.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Git's smart HTTP protocol on loopback: the real {@code git http-backend} run as CGI behind the JDK's HTTP server,
 * with HTTP Basic authentication in front of it, as a git host asks for a user and a password or token; over
 * HTTPS when given a server certificate.
 */
final class HttpGitServer implements AutoCloseable {

    private final HttpServer server;
    private final String scheme;

    private HttpGitServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
    }

    static HttpGitServer serve(Path projectRoot, String user, String password) throws IOException {
        return serve(projectRoot, user, password, null);
    }

    /** With {@code tls}, over HTTPS with that server certificate. */
    static HttpGitServer serve(Path projectRoot, String user, String password, SSLContext tls) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                cgi(exchange, projectRoot, user);
            }
        });
        server.start();
        return new HttpGitServer(server, tls == null ? "http" : "https");
    }

    private static void cgi(HttpExchange exchange, Path projectRoot, String user) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toAbsolutePath().toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REMOTE_USER", user);
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        env.put("CONTENT_TYPE", contentType == null ? "" : contentType);
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = process.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (InputStream response = new BufferedInputStream(process.getInputStream())) {
            int status = 200;
            for (String line; !(line = headerLine(response)).isEmpty(); ) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.substring(0, 3));
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                response.transferTo(body);
            }
        }
        try {
            request.get(5, TimeUnit.MINUTES); // the CGI's request body is written by then, or the exchange fails
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the request to git http-backend", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("writing the request to git http-backend failed or took over 5 minutes", e);
        }
    }

    /** One CGI header line without its line end; empty at the blank line that ends the headers. */
    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    String url(String repository) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
