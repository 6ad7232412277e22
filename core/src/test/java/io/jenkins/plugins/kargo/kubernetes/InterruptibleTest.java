package io.jenkins.plugins.kargo.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.kargo.CrudKubernetesMock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against fabric8's mock API server in CRUD mode (no API server can run here). Each test sets the thread's interrupt
 * flag before the call: the interrupt has already landed, which is where fabric8's own calls lose it.
 */
@ExtendWith(CrudKubernetesMock.class)
class InterruptibleTest {

    KubernetesClient client;

    private Resource<ConfigMap> map() {
        return client.configMaps().inNamespace("ns").withName("m");
    }

    private static ConfigMap configMap() {
        return new ConfigMapBuilder().withNewMetadata().withName("m").endMetadata().addToData("k", "v").build();
    }

    @AfterEach
    void clearTheFlag() {
        Thread.interrupted(); // a failing test may leave it set; the next one must not inherit it
    }

    @Test
    void aRequestMadeWhileInterruptedIsAnInterruptNotAnApiError() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Interruptible.request(() -> map().create(configMap())))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("thrown, so cleared").isFalse();
    }

    @Test
    void aCleanUpIsMadeWhileInterruptedAndTheInterruptIsKept() throws Exception {
        Interruptible.request(() -> map().create(configMap()));
        Thread.currentThread().interrupt();

        Interruptible.regardless(() -> map().delete());

        assertThat(Thread.interrupted()).as("kept for the caller").isTrue();
        assertThat(map().get()).as("deleted").isNull();
    }

    @Test
    void aWaitThatStartsInterruptedStopsAtOnce() {
        Thread.currentThread().interrupt(); // fabric8's informOnCondition would clear this and wait out its timeout

        assertThatThrownBy(() -> Interruptible.await(client.configMaps().inNamespace("ns"), maps -> false,
                Duration.ofMinutes(5))).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aWaitEndsWhenTheConditionHoldsAndTimesOutOtherwise() throws Exception {
        Interruptible.request(() -> map().create(configMap()));

        assertThat(Interruptible.await(client.configMaps().inNamespace("ns"), maps -> !maps.isEmpty(),
                Duration.ofMinutes(1))).extracting(m -> m.getMetadata().getName()).containsExactly("m");
        assertThatThrownBy(() -> Interruptible.await(client.configMaps().inNamespace("ns"), maps -> maps.isEmpty(),
                Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
    }
}
