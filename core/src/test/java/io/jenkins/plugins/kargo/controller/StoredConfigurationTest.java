package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigSource;
import io.jenkins.plugins.kargo.state.KargoStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored configuration that no longer loads is reported as the stored copy, not as the user's file. */
class StoredConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedStoredCopyIsNamedAsTheCopyWithTheWayToReplaceIt() {
        Path state = dir.resolve("state");
        try (KargoEngine engine = KargoEngine.builder(KargoStore.open(state)).build()) {
            engine.store().configurations().apply("shop", List.of(new ConfigSource("/home/alice/shop/stages.yaml", """
                    apiVersion: kargo.akuity.io/v1alpha1
                    kind: Stage
                    metadata: {name: dev, namespace: shop}
                    spec: {requestedFreight: 7}
                    """)));

            ConfigException e = catchThrowableOfType(() -> engine.configuration("shop"), ConfigException.class);

            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.location().file()).isEqualTo("the copy of /home/alice/shop/stages.yaml stored in "
                        + state.resolve("kargo.db"));
                assertThat(p.fix()).contains("kargo apply -f DIR");
            });
        }
    }
}
