package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.net.OutboundPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's settings.yaml: the expression limits and the outbound policy, with defaults and clear errors. */
class OperatorSettingsTest {

    @TempDir
    Path state;

    @Test
    void withoutAFileTheDefaultsApply() {
        assertThat(OperatorSettings.read(state)).isEqualTo(OperatorSettings.DEFAULT);
        assertThat(OperatorSettings.DEFAULT.outbound().refusal("http: GET", URI.create("http://169.254.169.254/")))
                .hasValueSatisfying(m -> assertThat(m).contains("denied by the operator's outbound policy"));
    }

    @Test
    void whatTheFileSetsReplacesTheDefaultAndTheRestStays() throws Exception {
        Files.writeString(state.resolve(OperatorSettings.FILE), """
                expressions:
                  maxTime: 2s
                  maxSteps: 500000
                  maxAllocationMiB: 8
                outbound:
                  allow: [localhost, "*.internal.example", 10.0.0.0/8]
                  deny: [10.1.0.0/16]
                  maxRedirects: 3
                """);
        OperatorSettings settings = OperatorSettings.read(state);

        assertThat(settings.expressions()).isEqualTo(Limits.DEFAULT.withMaxTime(Duration.ofSeconds(2))
                .withMaxSteps(500_000).withMaxAllocation(8L << 20));
        assertThat(settings.outbound()).isEqualTo(new OutboundPolicy(
                List.of("localhost", "*.internal.example", "10.0.0.0/8"), List.of("10.1.0.0/16"), 3));
        OutboundPolicy outbound = settings.outbound();
        assertThat(outbound.refusal("x", URI.create("https://api.internal.example/"))).isEmpty();
        assertThat(outbound.refusal("x", URI.create("https://10.2.3.4/"))).isEmpty();
        assertThat(outbound.refusal("x", URI.create("https://10.1.2.3/"))).hasValueSatisfying(m ->
                assertThat(m).contains("10.1.2.3 is denied by the operator's outbound policy (10.1.0.0/16)"));
        assertThat(outbound.refusal("x", URI.create("https://example.com/"))).hasValueSatisfying(m ->
                assertThat(m).contains("example.com is not among the hosts the operator's outbound policy allows"));
        assertThat(outbound.refusal("x", URI.create("https://[::1]/"))).isPresent();
    }

    @Test
    void aWrongSettingIsRefusedNamingTheFileAndTheFix() throws Exception {
        Path file = state.resolve(OperatorSettings.FILE);
        Files.writeString(file, "expressions:\n  maxTme: 2s\n");
        assertThatThrownBy(() -> OperatorSettings.read(state)).hasMessageContaining(file + ": unknown setting"
                + " expressions.maxTme; known here: maxAllocationMiB, maxCollectionSize, maxDepth");

        Files.writeString(file, "expressions:\n  maxTime: soon\n");
        assertThatThrownBy(() -> OperatorSettings.read(state))
                .hasMessageContaining("expressions.maxTime is 'soon', not a positive duration");

        Files.writeString(file, "outbound:\n  deny: [10.0.0.0/33]\n");
        assertThatThrownBy(() -> OperatorSettings.read(state)).hasMessageContaining("'10.0.0.0/33' has a prefix"
                + " length out of range");

        Files.writeString(file, "outbound:\n  maxRedirects: -1\n");
        assertThatThrownBy(() -> OperatorSettings.read(state)).hasMessageContaining("maxRedirects is '-1'; write a"
                + " whole number of at least 0");
    }
}
