package io.jenkins.plugins.kargo.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain-HTTP server on this machine's address that is not loopback (as a server on the network would be) that
 * records every request and answers each with {@code 401} and {@code WWW-Authenticate: Basic}, the answer that makes
 * a client send whatever credentials it holds. A test points a credential-carrying client at {@link #url} and checks
 * that nothing arrived.
 */
public final class CredentialsTrap implements AutoCloseable {

    /** One request as received; {@code authorization} is its Authorization header or null. */
    public record Received(String method, String path, String authorization) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private CredentialsTrap(HttpServer server) {
        this.server = server;
    }

    public static CredentialsTrap start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(nonLoopbackAddress(), 0), 0);
            CredentialsTrap trap = new CredentialsTrap(server);
            server.createContext("/", trap::handle);
            server.start();
            return trap;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://ADDRESS:PORT} followed by {@code path}; ADDRESS is an IPv4 literal that is not loopback. */
    public String url(String path) {
        return "http://" + host() + ":" + server.getAddress().getPort() + path;
    }

    /** The address the server listens on, as it appears in {@link #url}. */
    public String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    /** Every request received so far, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"trap\"");
            exchange.sendResponseHeaders(401, -1);
        }
    }

    /** The first IPv4 address of an interface that is up and not loopback: where a client would reach a neighbour. */
    static InetAddress nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(CredentialsTrap::usable)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("this machine has no network interface with an IPv4 "
                        + "address other than loopback; tests of the plain-HTTP rule need one"));
    }

    private static boolean usable(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
