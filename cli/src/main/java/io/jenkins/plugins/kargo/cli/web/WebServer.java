package io.jenkins.plugins.kargo.cli.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.ui.UiAssets;
import io.jenkins.plugins.kargo.ui.api.Router;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code kargo serve}'s web application on Jetty 12 (its core API, no servlets): the Freight view's static files at
 * {@code /}, the JSON API and the event stream under {@code /api}, behind {@link AccessPolicy}.
 */
public final class WebServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final EventHub events;
    private final ObjectMapper json;

    private WebServer(Server server, ServerConnector connector, EventHub events, ObjectMapper json) {
        this.server = server;
        this.connector = connector;
        this.events = events;
        this.json = json;
    }

    /**
     * Starts the server.
     *
     * @param address        the address to listen on ({@code 127.0.0.1} unless the user asks otherwise)
     * @param port           the port; 0 for a free one
     * @param allowedOrigins origins besides the server's own whose pages may write (a proxy's public address)
     * @param json           how the API's records become JSON
     * @param banner         a line every page shows, or null
     * @throws IOException   when it cannot listen there (the port is taken, the address is not this machine's)
     */
    public static WebServer start(InetAddress address, int port, Router router, Tokens tokens,
                                  List<String> allowedOrigins, ObjectMapper json, String banner) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("kargo-web");
        Server server = new Server(threads);
        server.setStopTimeout(5_000);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);

        EventHub events = new EventHub(server.getScheduler());
        PathMappingsHandler paths = new PathMappingsHandler();
        paths.addMapping(PathSpec.from(ApiHandler.PREFIX + "/*"),
                new ApiHandler(router, new AccessPolicy(tokens, allowedOrigins), events, json, banner));
        ResourceHandler assets = new ResourceHandler();
        assets.setBaseResource(ResourceFactory.of(assets).newClassLoaderResource(UiAssets.ROOT, false));
        assets.setDirAllowed(false);
        assets.setWelcomeFiles("index.html");
        assets.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
        assets.setCacheControl("no-cache");
        paths.addMapping(PathSpec.from("/"), assets);
        server.setHandler(new SecurityHeaders(new ContextHandler(paths, "/")));
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        try {
            server.start();
        } catch (Exception e) {
            stop(server);
            if (interrupted(e)) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped while the web server was starting");
            }
            if (e instanceof IOException) {
                throw new IOException("cannot listen on " + address.getHostAddress() + ":" + port + ": "
                        + e.getMessage(), e);
            }
            throw new IllegalStateException("the web server did not start: " + e.getMessage(), e);
        }
        return new WebServer(server, connector, events, json);
    }

    /** Whether a failed start was an interrupt (a stop asked for while Jetty started), whatever wraps it. */
    private static boolean interrupted(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** The address a browser opens, such as {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = connector.getHost();
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + connector.getLocalPort() + "/");
    }

    /** Sends an event to every open page, as JSON of {@code event}. */
    public void publish(String type, Object event) {
        try {
            events.publish(type, json.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException("an event could not be written as JSON: " + e.getMessage(), e);
        }
    }

    /** How many pages listen to the event stream now. */
    public int listeners() {
        return events.listeners();
    }

    @Override
    public void close() {
        events.close();
        stop(server);
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the web server did not stop: " + e.getMessage(), e);
        }
    }
}
