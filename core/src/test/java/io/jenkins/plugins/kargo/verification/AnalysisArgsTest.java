package io.jenkins.plugins.kargo.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisArgsTest {

    @Test
    void fillsEveryArgumentAsArgoRolloutsDoes() throws MeasurementException {
        assertThat(AnalysisArgs.render("{{ args.service-url }}/health?pod={{args.canary-pod-hash}}",
                Map.of("service-url", "http://user-service.dev", "canary-pod-hash", "$6f9d")))
                .isEqualTo("http://user-service.dev/health?pod=$6f9d");
        assertThat(AnalysisArgs.render("no arguments", Map.of())).isEqualTo("no arguments");
    }

    @Test
    void anArgumentWithoutAValueIsNamed() {
        assertThatThrownBy(() -> AnalysisArgs.render("{{ args.service-name }}", Map.of()))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("'service-name' has no value");
    }
}
