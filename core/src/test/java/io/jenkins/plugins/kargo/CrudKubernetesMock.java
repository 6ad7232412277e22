package io.jenkins.plugins.kargo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * fabric8's Kubernetes mock server in CRUD mode for each test (no Kubernetes API server can run here), set into the
 * test's {@link KubernetesMockServer}, {@link KubernetesClient} and {@link MockApiRequests} fields as
 * {@code @EnableKubernetesMockClient(crud = true)} does for the first two, but torn down in the other order: held
 * requests released, the client closed, so that no watch is left open, then the server.
 *
 * <p>One fix to fabric8 8.0's mock: when a client closes a watch while the server is sending it an event, the mock's
 * {@code WatchEventsListener.onClosed} waits, on the server's only event loop, for its sending thread, which waits
 * for that event loop to write the event: every request then stalls for up to 30 s (requests time out, the server's
 * shutdown fails). Here {@code onClosed} and {@code onFailure} run on a thread of their own instead.
 */
public final class CrudKubernetesMock implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CrudKubernetesMock.class);

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        // as the annotation builds it: expectations first, then the CRUD store; the map is read by the server's
        // threads while a test's threads may add expectations
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
        server.init();
        KubernetesClient client = server.createClient();
        context.getStore(NAMESPACE).put(KubernetesMockServer.class, server);
        context.getStore(NAMESPACE).put(KubernetesClient.class, client);
        context.getStore(NAMESPACE).put(MockApiRequests.class, requests);
        context.getStore(NAMESPACE).put(ExecutorService.class, closing);
        Object test = context.getRequiredTestInstance();
        Map<Class<?>, Object> injected = Map.of(KubernetesMockServer.class, server, KubernetesClient.class, client,
                MockApiRequests.class, requests);
        for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (injected.containsKey(field.getType())) {
                    field.setAccessible(true);
                    field.set(test, injected.get(field.getType()));
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        context.getStore(NAMESPACE).get(MockApiRequests.class, MockApiRequests.class).releaseAll();
        context.getStore(NAMESPACE).get(KubernetesClient.class, KubernetesClient.class).close();
        context.getStore(NAMESPACE).get(KubernetesMockServer.class, KubernetesMockServer.class).destroy();
        context.getStore(NAMESPACE).get(ExecutorService.class, ExecutorService.class).shutdown();
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
        public void onPing(WebSocket webSocket, byte[] bytes) {
            watch.onPing(webSocket, bytes);
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
