package io.jenkins.plugins.kargo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.InetAddress;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * fabric8's Kubernetes mock API server in CRUD mode on a free loopback port (no Kubernetes API server can run here),
 * with its client and {@link MockApiRequests}, for the tests ({@link CrudKubernetesMock}) and the main job's
 * simulated cluster. Closed in the order that leaves nothing hanging: held requests released, the client closed (no
 * watch left open), then the server.
 *
 * <p>One fix to fabric8 8.0's mock: when a client closes a watch while the server is sending it an event, the mock's
 * {@code WatchEventsListener.onClosed} waits, on the server's only event loop, for its sending thread, which waits
 * for that event loop to write the event: every request then stalls for up to 30 s (requests time out, the server's
 * shutdown fails with "Unable to close MockWebServer"). Here {@code onClosed} and {@code onFailure} run on a thread
 * of their own instead.
 */
public final class MockApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final MockApiRequests requests;
    private final ExecutorService closing;

    private MockApiServer(KubernetesMockServer server, KubernetesClient client, MockApiRequests requests,
                          ExecutorService closing) {
        this.server = server;
        this.client = client;
        this.requests = requests;
        this.closing = closing;
    }

    public static MockApiServer start() {
        // as @EnableKubernetesMockClient(crud = true) builds it: expectations first, then the CRUD store; the map is
        // read by the server's threads while a test's threads may add expectations
        Map<ServerRequest, Queue<ServerResponse>> expectations = new ConcurrentHashMap<>();
        MockApiRequests requests = new MockApiRequests();
        ExecutorService closing = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "mock-watch-closing");
            thread.setDaemon(true);
            return thread;
        });
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(expectations) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse response = requests.dispatch(request, super::dispatch);
                WebSocketListener watch = response.getWebSocketListener();
                return watch == null ? response : response.withWebSocketUpgrade(new ClosedOffTheEventLoop(watch, closing));
            }
        };
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                crud, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new MockApiServer(server, server.createClient(), requests, closing);
    }

    public KubernetesMockServer server() {
        return server;
    }

    public KubernetesClient client() {
        return client;
    }

    public MockApiRequests requests() {
        return requests;
    }

    @Override
    public void close() {
        requests.releaseAll();
        client.close();
        server.destroy();
        closing.shutdown();
    }

    /** A watch's listener whose clean-up after a close does not block the server's event loop. */
    private static final class ClosedOffTheEventLoop extends WebSocketListener {
        private final WebSocketListener watch;
        private final ExecutorService closing;

        ClosedOffTheEventLoop(WebSocketListener watch, ExecutorService closing) {
            this.watch = watch;
            this.closing = closing;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            watch.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            watch.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            watch.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            watch.onMessage(webSocket, bytes);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            watch.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            watch.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closing.execute(() -> watch.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            closing.execute(() -> watch.onFailure(webSocket, failure, response));
        }
    }
}
