package io.jenkins.plugins.kargo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * fabric8's Kubernetes mock server in CRUD mode for each test (no Kubernetes API server can run here), set into the
 * test's {@link KubernetesMockServer} and {@link KubernetesClient} fields as {@code @EnableKubernetesMockClient(crud
 * = true)} does, but torn down in the other order: the client first, so that no watch is left open, then the
 * server. The mock server's shutdown still sometimes waits out its 10 s for a watch the client has closed (a
 * tests-only race in its Vert.x server, "Unable to close MockWebServer" or "... Vertx"); that timeout is not the
 * behaviour under test, so it does not fail the test.
 */
public final class CrudKubernetesMock implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CrudKubernetesMock.class);

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        // as the annotation builds it: expectations first (pod logs), then the CRUD store
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        KubernetesClient client = server.createClient();
        context.getStore(NAMESPACE).put(KubernetesMockServer.class, server);
        context.getStore(NAMESPACE).put(KubernetesClient.class, client);
        Object test = context.getRequiredTestInstance();
        for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == KubernetesMockServer.class || field.getType() == KubernetesClient.class) {
                    field.setAccessible(true);
                    field.set(test, field.getType() == KubernetesClient.class ? client : server);
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        context.getStore(NAMESPACE).get(KubernetesClient.class, KubernetesClient.class).close();
        try {
            context.getStore(NAMESPACE).get(KubernetesMockServer.class, KubernetesMockServer.class).destroy();
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Unable to close")) {
                throw e;
            }
        }
    }
}
