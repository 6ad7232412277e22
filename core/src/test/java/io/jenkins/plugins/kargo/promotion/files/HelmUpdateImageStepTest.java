package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.files.StepFixture.config;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.context;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.digest;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.freight;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.image;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.read;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmUpdateImageStepTest {

    private static final String VALUES = """
            # chart values
            api:
              image: registry.local/api:v0   # ImageAndTag
              tag: v0
            worker:
              image: "registry.local/worker@sha256:00"
              digest: sha256:00
            """;

    @TempDir
    Path work;

    private StepResult run(String config, Freight... freight) {
        return new HelmUpdateImageStep().run(context(work, freight), config(config));
    }

    @Test
    void writesEachKindOfValueFromTheFreight() {
        Path file = write(work.resolve("charts/app/values.yaml"), VALUES);

        StepResult result = run("""
                path: charts/app/values.yaml
                images:
                  - image: registry.local/api
                    key: api.image
                    value: ImageAndTag
                  - image: registry.local/api
                    key: api.tag
                    value: Tag
                  - image: registry.local/worker
                    key: worker.image
                    value: ImageAndDigest
                  - image: registry.local/worker
                    key: worker.digest
                    value: Digest
                """, freight("services", image("registry.local/api", "v1.1.0"), image("registry.local/worker", "v2")));

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo("""
                # chart values
                api:
                  image: registry.local/api:v1.1.0   # ImageAndTag
                  tag: v1.1.0
                worker:
                  image: "registry.local/worker@%s"
                  digest: %s
                """.formatted(digest("v2"), digest("v2")));
        assertThat(result.output()).containsExactly(Map.entry("commitMessage", """
                Updated charts/app/values.yaml to use new images

                - registry.local/api:v1.1.0
                - registry.local/api:v1.1.0
                - registry.local/worker@%s
                - registry.local/worker@%s""".formatted(digest("v2"), digest("v2"))));
    }

    @Test
    void fromOriginChoosesBetweenFreightCarryingTheSameImage() {
        Path file = write(work.resolve("values.yaml"), "tag: v0\n");
        String config = "path: values.yaml\nimages:\n- image: registry.local/api\n  key: tag\n  value: Tag\n";
        Freight one = freight("one", image("registry.local/api", "v1"));
        Freight two = freight("two", image("registry.local/api", "v2"));

        StepResult ambiguous = run(config, one, two);
        assertThat(ambiguous.status()).isEqualTo(StepStatus.Errored);
        assertThat(ambiguous.message()).isEqualTo("helm-update-image: config.images[0].image 'registry.local/api' is in "
                + "Freight from [Warehouse/one, Warehouse/two]; set fromOrigin {kind: Warehouse, name} to choose one");
        assertThat(read(file)).isEqualTo("tag: v0\n");

        StepResult chosen = run(config + "  fromOrigin:\n    kind: Warehouse\n    name: two\n", one, two);
        assertThat(chosen.status()).as(chosen.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo("tag: v2\n");
    }

    @Test
    void anImageMissingFromTheFreightOrAnUnknownValueIsAnError() {
        Path file = write(work.resolve("values.yaml"), "tag: v0\n");

        StepResult missing = run("path: values.yaml\nimages:\n- image: registry.local/other\n  key: tag\n  value: Tag\n",
                freight("services", image("registry.local/api", "v1")));
        assertThat(missing.message()).isEqualTo("helm-update-image: config.images[0].image 'registry.local/other' is not "
                + "in the Freight being promoted; name a repository the Stage's Warehouse subscribes to");

        StepResult badValue = run("path: values.yaml\nimages:\n- image: registry.local/api\n  key: tag\n  value: Version\n",
                freight("services", image("registry.local/api", "v1")));
        assertThat(badValue.message()).isEqualTo("helm-update-image: config.images[0].value is 'Version', not one of "
                + "ImageAndTag, Tag, ImageAndDigest, Digest");
        assertThat(read(file)).isEqualTo("tag: v0\n");
    }
}
