package io.jenkins.plugins.kargo.discovery.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a registry's answer to {@code index.yaml} may not do: cost minutes, or echo its bytes into a message. */
class ChartIndexTest {

    private static final int MAX = ChartRepositorySubscriber.MAX_INDEX_BYTES;

    @Test
    @Timeout(60) // a linear scan of 20 MB; before the bound SnakeYAML spent 3-4 minutes in this scalar
    void anIndexThatIsOneHugeScalarIsRefusedBeforeParsing() {
        byte[] huge = "x".repeat(20 << 20).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ChartIndex.parse(huge, MAX)).isInstanceOf(IOException.class)
                .hasMessage("line 1 is longer than 65536 bytes, which no chart index has");
    }

    @Test
    void garbageSaysWhereWithoutJavaTextOrItsBytes() {
        byte[] garbage = "entries:\n  app:\n    - version: 1.0.0\n  \"\u0001\u0002 GARBAGE_MARKER {]["
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ChartIndex.parse(garbage, MAX)).isInstanceOf(IOException.class)
                .message().startsWith("it is not YAML (line ").doesNotContain("GARBAGE_MARKER", "Exception", "Source");
    }

    @Test
    void anOrdinaryIndexStillReadsItsVersions() throws Exception {
        byte[] index = ("apiVersion: v1\nentries:\n  app:\n    - version: 1.2.0\n      description: " + "d".repeat(4000)
                + "\n    - version: 1.1.0\n").getBytes(StandardCharsets.UTF_8);

        assertThat(ChartIndex.parse(index, MAX).versions()).containsEntry("app", List.of("1.2.0", "1.1.0"));
    }
}
