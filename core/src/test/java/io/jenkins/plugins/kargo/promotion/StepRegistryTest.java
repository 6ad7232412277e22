package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Steps are made on first use, from what their registration declares they need, and nothing more. */
class StepRegistryTest {

    private final AtomicInteger clients = new AtomicInteger();
    private final StepServices services = () -> {
        clients.incrementAndGet();
        return null; // the factories below only count the asking
    };

    private static PromotionStepRunner step(String name) {
        return new PromotionStepRunner() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StepResult run(StepContext context, com.fasterxml.jackson.databind.JsonNode config) {
                return StepResult.succeeded(Map.of(), name);
            }
        };
    }

    @Test
    void aStepThatNeedsKubernetesIsMadeOnItsFirstUseOnly() throws Exception {
        AtomicInteger made = new AtomicInteger();
        StepRegistry registry = StepRegistry.of(List.of(StepRegistration.of(step("plain")),
                StepRegistration.needing("sync", StepRegistration.Need.KUBERNETES, s -> {
                    s.kubernetes();
                    made.incrementAndGet();
                    return step("sync");
                })), services);

        assertThat(registry.knows("sync")).isTrue();
        assertThat(registry.find("plain")).isPresent();
        assertThat(made.get()).as("nothing asked for the Kubernetes client yet").isZero();
        assertThat(clients.get()).isZero();

        assertThat(registry.find("sync").orElseThrow().run(null, null).status()).isEqualTo(StepStatus.Succeeded);
        registry.find("sync");
        assertThat(made.get()).isEqualTo(1);
        assertThat(clients.get()).isEqualTo(1);
    }

    @Test
    void aStepUsingWhatItDidNotDeclareOrFailingToBeMadeIsErroredAndMadeAgainNextTime() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        StepRegistry registry = StepRegistry.of(List.of(
                new StepRegistration("sneaky", java.util.Set.of(), s -> {
                    s.kubernetes();
                    return step("sneaky");
                }),
                StepRegistration.needing("sync", StepRegistration.Need.KUBERNETES, s -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new KubernetesClientException("no kubeconfig");
                    }
                    return step("sync");
                })), services);

        assertThat(registry.find("sneaky").orElseThrow().run(null, null).message())
                .isEqualTo("sneaky: cannot run: step sneaky uses a Kubernetes client without declaring the need");
        assertThat(clients.get()).isZero();
        StepResult first = registry.find("sync").orElseThrow().run(null, null);
        assertThat(first.status()).isEqualTo(StepStatus.Errored);
        assertThat(first.message()).isEqualTo("sync: cannot run: no kubeconfig");
        assertThat(registry.find("sync").orElseThrow().run(null, null).status()).isEqualTo(StepStatus.Succeeded);
    }
}
