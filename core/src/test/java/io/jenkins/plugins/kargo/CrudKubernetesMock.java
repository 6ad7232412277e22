package io.jenkins.plugins.kargo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link MockApiServer} for each test, set into the test's {@link KubernetesMockServer}, {@link KubernetesClient}
 * and {@link MockApiRequests} fields as {@code @EnableKubernetesMockClient(crud = true)} does for the first two, and
 * closed after it.
 */
public final class CrudKubernetesMock implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CrudKubernetesMock.class);

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        MockApiServer api = MockApiServer.start();
        context.getStore(NAMESPACE).put(MockApiServer.class, api);
        Object test = context.getRequiredTestInstance();
        Map<Class<?>, Object> injected = Map.of(KubernetesMockServer.class, api.server(),
                KubernetesClient.class, api.client(), MockApiRequests.class, api.requests());
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
        context.getStore(NAMESPACE).get(MockApiServer.class, MockApiServer.class).close();
    }
}
