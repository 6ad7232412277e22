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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class KustomizeSetImageStepTest {

    @TempDir
    Path work;

    private final KustomizeSetImageStep step = new KustomizeSetImageStep();

    private StepResult run(String config, Freight... freight) {
        return step.run(context(work, freight), config(config));
    }

    private Path kustomization(String text) {
        return write(work.resolve("overlays/dev/kustomization.yaml"), text);
    }

    @Test
    void replacesAddsKeepsAndSortsEntriesAndLeavesEverythingElseAsWritten() {
        Path file = kustomization("""
                # Overlay for dev, managed by Kargo
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: dev # the dev namespace
                resources:
                  - ../../base   # shared manifests
                images:
                  - name: harbor.example.com/services/user-service
                    newTag: v1.0.0
                  - name: busybox # a helper image
                    newTag: "1.36"
                  - name: harbor.example.com/services/payment-service
                    newTag: v0.9.0
                patches:
                  - path: replicas.yaml   # keep two replicas

                # end of overlay
                """);

        StepResult result = run("""
                path: overlays/dev
                images:
                  - image: harbor.example.com/services/user-service
                    tag: v1.2.0
                  - image: harbor.example.com/services/notification-service
                    tag: v2.0.0
                """);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo("""
                # Overlay for dev, managed by Kargo
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: dev # the dev namespace
                resources:
                  - ../../base   # shared manifests
                images:
                  - name: busybox
                    newTag: "1.36"
                  - name: harbor.example.com/services/notification-service
                    newTag: v2.0.0
                  - name: harbor.example.com/services/payment-service
                    newTag: v0.9.0
                  - name: harbor.example.com/services/user-service
                    newTag: v1.2.0
                patches:
                  - path: replicas.yaml   # keep two replicas

                # end of overlay
                """);
        assertThat(result.output()).containsExactly(Map.entry("commitMessage", """
                Updated overlays/dev to use new images

                - harbor.example.com/services/notification-service:v2.0.0
                - harbor.example.com/services/user-service:v1.2.0"""));
    }

    @Test
    void aDigestReplacesTheWholeEntryAndATagDropsTheOldDigest() {
        Path file = kustomization("""
                images:
                - name: app
                  newName: registry.example.com/app
                  newTag: v1
                - name: sidecar
                  digest: sha256:0000
                """);

        StepResult result = run("""
                path: overlays/dev
                images:
                  - image: app
                    digest: sha256:1111
                  - image: sidecar
                    tag: v7
                """);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo("""
                images:
                - name: app
                  digest: sha256:1111
                - name: sidecar
                  newTag: v7
                """);
        assertThat(result.output().get("commitMessage")).isEqualTo(
                "Updated overlays/dev to use new images\n\n- app@sha256:1111\n- sidecar:v7");
    }

    @Test
    void anAsteriskKeepsTheExistingValueAndIsLeftOutWhenThereIsNone() {
        Path file = kustomization("""
                images:
                - name: app
                  newName: registry.example.com/app
                  newTag: v1
                """);

        StepResult result = run("""
                path: overlays/dev
                images:
                  - image: app
                    newName: "*"
                    digest: sha256:2222
                  - image: fresh
                    newName: "*"
                    tag: "*"
                """);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo("""
                images:
                - name: app
                  newName: registry.example.com/app
                  digest: sha256:2222
                - name: fresh
                """);
    }

    @Test
    void aDifferentNameInTheFileIsSetFromTheSubscribedImage() {
        Path file = kustomization("images:\n- name: my-app\n  newTag: v1\n");

        StepResult result = run("""
                path: overlays/dev
                images:
                  - image: harbor.example.com/services/user-service
                    name: my-app
                    newName: harbor.example.com/services/user-service
                    tag: v2
                """);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo(
                "images:\n- name: my-app\n  newName: harbor.example.com/services/user-service\n  newTag: v2\n");
        assertThat(result.output().get("commitMessage"))
                .isEqualTo("Updated overlays/dev to use new image\n\n- harbor.example.com/services/user-service:v2");
    }

    @Test
    void withoutImagesEveryImageOfTheFreightIsSetWithTagAndDigest() {
        Path file = kustomization("kind: Kustomization\nimages:\n- name: registry.local/keep\n  newTag: old\n");

        StepResult result = run("path: overlays/dev", freight("services", image("registry.local/b", "v2.0.0"),
                image("registry.local/a", "v1.0.0")), freight("tools", image("registry.local/c", "v3")));

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo("kind: Kustomization\nimages:\n"
                + "- name: registry.local/a\n  newTag: v1.0.0\n  digest: " + digest("v1.0.0") + "\n"
                + "- name: registry.local/b\n  newTag: v2.0.0\n  digest: " + digest("v2.0.0") + "\n"
                + "- name: registry.local/c\n  newTag: v3\n  digest: " + digest("v3") + "\n"
                + "- name: registry.local/keep\n  newTag: old\n");
        assertThat(result.output().get("commitMessage")).isEqualTo("Updated overlays/dev to use new images\n\n"
                + "- registry.local/a:v1.0.0@" + digest("v1.0.0") + "\n"
                + "- registry.local/b:v2.0.0@" + digest("v2.0.0") + "\n"
                + "- registry.local/c:v3@" + digest("v3"));
    }

    @Test
    void oneRepositoryInFreightOfTwoOriginsIsAmbiguousAndNeedsImages() {
        String text = "images:\n- name: registry.local/a\n  newTag: v0\n";
        Path file = kustomization(text);

        StepResult result = run("path: overlays/dev", freight("one", image("registry.local/a", "v1")),
                freight("two", image("registry.local/a", "v2")));

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("ambiguous", "registry.local/a", "Warehouse/one", "Warehouse/two",
                "config.images");
        assertThat(read(file)).isEqualTo(text);
    }

    @Test
    void aWindowsFileKeepsItsLineEndings() {
        Path file = kustomization("kind: Kustomization\r\nimages:\r\n- name: a\r\n  newTag: v1\r\nresources:\r\n- x.yaml\r\n");

        StepResult result = run("path: overlays/dev\nimages:\n- image: a\n  tag: v2\n- image: b\n  tag: v1\n");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo(
                "kind: Kustomization\r\nimages:\r\n- name: a\r\n  newTag: v2\r\n- name: b\r\n  newTag: v1\r\nresources:\r\n- x.yaml\r\n");
    }

    @Test
    void aMissingImagesListIsAddedAfterTheLastFieldBeforeClosingComments() {
        Path file = kustomization("kind: Kustomization\nresources:\n- deploy.yaml # the app\n\n# trailing note\n");

        StepResult result = run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo(
                "kind: Kustomization\nresources:\n- deploy.yaml # the app\nimages:\n- name: a\n  newTag: v1\n\n# trailing note\n");
    }

    @Test
    void anEmptyOrFlowImagesValueBecomesABlockList() {
        Path empty = kustomization("images:\nnamespace: dev\n");
        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n").status()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(empty)).isEqualTo("images:\n- name: a\n  newTag: v1\nnamespace: dev\n");

        Path flow = kustomization("images: [{name: b, newTag: \"2.0\"}]\nnamespace: dev\n");
        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n").status()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(flow)).isEqualTo("images:\n- name: a\n  newTag: v1\n- name: b\n  newTag: \"2.0\"\nnamespace: dev\n");
    }

    @Test
    void aCommentOnTheImagesLineStaysThere() {
        Path block = kustomization("images: # pinned by Kargo\n- name: a\n  newTag: v1\nnamespace: dev\n");
        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: v2\n").status()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(block)).isEqualTo("images: # pinned by Kargo\n- name: a\n  newTag: v2\nnamespace: dev\n");

        Path empty = kustomization("images: # none yet\nnamespace: dev\n");
        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: v2\n").status()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(empty)).isEqualTo("images: # none yet\n- name: a\n  newTag: v2\nnamespace: dev\n");
    }

    @Test
    void aKustomizationOfOnlyCommentsGetsAnImagesList() {
        Path file = kustomization("# nothing here yet");

        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n").status()).isEqualTo(StepStatus.Succeeded);

        assertThat(read(file)).isEqualTo("# nothing here yet\nimages:\n- name: a\n  newTag: v1\n");
    }

    @Test
    void aTagThatWouldReadAsANumberIsQuoted() {
        Path file = kustomization("images:\n- name: a\n  newTag: v1\n");

        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: \"1.10\"\n").status()).isEqualTo(StepStatus.Succeeded);

        assertThat(read(file)).isEqualTo("images:\n- name: a\n  newTag: \"1.10\"\n");
        Map<String, List<Map<String, Object>>> parsed = new Yaml().load(read(file));
        assertThat(parsed.get("images").get(0).get("newTag")).isEqualTo("1.10");
    }

    @Test
    void charactersBeyondTheBasicPlaneAndAByteOrderMarkDoNotShiftTheEdit() {
        Path file = kustomization("\uFEFF# \uD83D\uDE80 rocket overlay \uD83D\uDE80\nimages:\n- name: a\n  newTag: v1\nnamespace: dev\n");

        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: v2\n").status()).isEqualTo(StepStatus.Succeeded);

        assertThat(read(file)).isEqualTo(
                "\uFEFF# \uD83D\uDE80 rocket overlay \uD83D\uDE80\nimages:\n- name: a\n  newTag: v2\nnamespace: dev\n");
    }

    @Test
    void runningTwiceChangesNothingTheSecondTime() {
        Path file = kustomization("images:\n- name: a\n  newTag: v1\n");
        String config = "path: overlays/dev\nimages:\n- image: a\n  tag: v2\n";
        run(config);
        String once = read(file);

        StepResult again = run(config);

        assertThat(read(file)).isEqualTo(once).isEqualTo("images:\n- name: a\n  newTag: v2\n");
        assertThat(again.message()).startsWith("already set");
    }

    @Test
    void theOtherRecognisedFileNamesAreFound() {
        Path file = write(work.resolve("overlays/dev/Kustomization"), "images: []\n");

        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n").status()).isEqualTo(StepStatus.Succeeded);

        assertThat(read(file)).isEqualTo("images:\n- name: a\n  newTag: v1\n");
    }

    @Test
    void noKustomizationOrSeveralIsAnError() throws IOException {
        Files.createDirectories(work.resolve("overlays/dev"));
        StepResult none = run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n");
        assertThat(none.status()).isEqualTo(StepStatus.Errored);
        assertThat(none.message()).contains("could not find any Kustomization files in 'overlays/dev'");

        write(work.resolve("overlays/dev/kustomization.yaml"), "images: []\n");
        write(work.resolve("overlays/dev/kustomization.yml"), "images: []\n");
        StepResult two = run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n");
        assertThat(two.status()).isEqualTo(StepStatus.Errored);
        assertThat(two.message()).contains("ambiguous result", "overlays/dev/kustomization.yaml",
                "overlays/dev/kustomization.yml");
        assertThat(read(work.resolve("overlays/dev/kustomization.yaml"))).isEqualTo("images: []\n");
    }

    @Test
    void invalidConfigurationNamesTheFieldBeforeAnyFileIsLookedFor() {
        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n  digest: sha256:1\n").message())
                .isEqualTo("kustomize-set-image: config.images[0].digest excludes tag; set exactly one of tag and digest");
        assertThat(run("path: overlays/dev\nimages:\n- image: a\n").message())
                .isEqualTo("kustomize-set-image: config.images[0].tag is required (or digest); set exactly one of tag and digest");
        assertThat(run("path: overlays/dev\nimages:\n- image: a\n  tags: v1\n").message())
                .startsWith("kustomize-set-image: config.images[0].tags is not a field of kustomize-set-image");
        assertThat(run("images: []\n").message())
                .isEqualTo("kustomize-set-image: config.path is required; set it to a non-empty string");
    }

    @Test
    void aListThatIsNotOneOfImagesIsRefusedWithItsLine() {
        String text = "kind: Kustomization\nimages:\n  newTag: v1\n";
        Path file = kustomization(text);

        StepResult result = run("path: overlays/dev\nimages:\n- image: a\n  tag: v1\n");

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).isEqualTo("kustomize-set-image: overlays/dev/kustomization.yaml line 3: "
                + "'images' must be a list of {name, newName, newTag, digest}");
        assertThat(read(file)).isEqualTo(text);
    }
}
