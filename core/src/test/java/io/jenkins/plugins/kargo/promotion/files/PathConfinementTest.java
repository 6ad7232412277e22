package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.files.StepFixture.config;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.context;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.freight;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.image;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.read;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No step configuration can make a file step read or write outside the promotion's working directory. */
class PathConfinementTest {

    private static final String KUSTOMIZATION = "images:\n- name: a\n  newTag: v1\n";
    private static final String VALUES = "image:\n  tag: v1\n";

    @TempDir
    Path temp;

    private Path work;
    private Path outside;

    @BeforeEach
    void layout() throws IOException {
        work = Files.createDirectories(temp.resolve("work"));
        outside = Files.createDirectories(temp.resolve("outside"));
        write(outside.resolve("kustomization.yaml"), KUSTOMIZATION);
        write(outside.resolve("values.yaml"), VALUES);
    }

    private StepResult kustomize(String path) {
        return run(new KustomizeSetImageStep(), "path: '" + path + "'\nimages:\n- image: a\n  tag: v2\n");
    }

    private StepResult yamlUpdate(String path) {
        return run(new YamlUpdateStep(), "path: '" + path + "'\nupdates:\n- key: image.tag\n  value: v2\n");
    }

    private StepResult helm(String path) {
        return run(new HelmUpdateImageStep(), "path: '" + path + "'\nimages:\n- image: a\n  key: image.tag\n  value: Tag\n");
    }

    private StepResult run(PromotionStepRunner step, String config) {
        try {
            return step.run(context(work, freight("w", image("a", "v2"))), config(config));
        } catch (InterruptedException e) {
            throw new AssertionError("file steps do not wait", e);
        }
    }

    private void assertRefused(StepResult result, String why) {
        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains(why);
        assertThat(read(outside.resolve("kustomization.yaml"))).isEqualTo(KUSTOMIZATION);
        assertThat(read(outside.resolve("values.yaml"))).isEqualTo(VALUES);
    }

    @Test
    void dotDotIsRefused() {
        assertRefused(kustomize("../outside"), "kustomize-set-image: config.path is '../outside', which leaves the promotion's working directory");
        assertRefused(kustomize("overlays/../../outside"), "leaves the promotion's working directory");
        assertRefused(yamlUpdate("../outside/values.yaml"), "leaves the promotion's working directory");
        assertRefused(helm("../outside/values.yaml"), "leaves the promotion's working directory");
    }

    @Test
    void anAbsolutePathIsRefusedEvenInsideTheWorkingDirectory() {
        write(work.resolve("values.yaml"), VALUES);

        assertRefused(kustomize(outside.toString()), "is absolute");
        assertRefused(yamlUpdate(outside.resolve("values.yaml").toString()), "is absolute");
        assertRefused(helm(outside.resolve("values.yaml").toString()), "is absolute");
        assertRefused(yamlUpdate(work.resolve("values.yaml").toString()), "is absolute");
        assertThat(read(work.resolve("values.yaml"))).isEqualTo(VALUES);
    }

    @Test
    void aDirectoryLinkLeadingOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(work.resolve("overlays"), outside);

        assertRefused(kustomize("overlays"), "through a symbolic link");
        assertRefused(yamlUpdate("overlays/values.yaml"), "through a symbolic link");
        assertRefused(helm("overlays/values.yaml"), "through a symbolic link");
    }

    @Test
    void aFileLinkLeadingOutsideIsRefused() throws IOException {
        Path dev = Files.createDirectories(work.resolve("overlays/dev"));
        Files.createSymbolicLink(dev.resolve("kustomization.yaml"), outside.resolve("kustomization.yaml"));
        Files.createSymbolicLink(dev.resolve("values.yaml"), outside.resolve("values.yaml"));

        assertRefused(kustomize("overlays/dev"), "through a symbolic link");
        assertRefused(yamlUpdate("overlays/dev/values.yaml"), "through a symbolic link");
        assertRefused(helm("overlays/dev/values.yaml"), "through a symbolic link");
    }

    @Test
    void aLinkThatStaysInsideIsFollowed() throws IOException {
        Path base = write(work.resolve("base/kustomization.yaml"), KUSTOMIZATION);
        Files.createSymbolicLink(work.resolve("current"), work.resolve("base"));

        assertThat(kustomize("current").status()).isEqualTo(StepStatus.Succeeded);

        assertThat(read(base)).isEqualTo("images:\n- name: a\n  newTag: v2\n");
        assertThat(Files.isSymbolicLink(work.resolve("current"))).isTrue();
    }

    @Test
    void aDanglingLinkIsNeitherFollowedNorCreated() throws IOException {
        Path dev = Files.createDirectories(work.resolve("overlays/dev"));
        Files.createSymbolicLink(dev.resolve("kustomization.yaml"), outside.resolve("new/kustomization.yaml"));
        Files.createSymbolicLink(dev.resolve("values.yaml"), outside.resolve("new-values.yaml"));

        assertRefused(kustomize("overlays/dev"), "could not find any Kustomization files in 'overlays/dev'");
        assertRefused(yamlUpdate("overlays/dev/values.yaml"), "is not a file");
        assertThat(outside.resolve("new")).doesNotExist();
        assertThat(outside.resolve("new-values.yaml")).doesNotExist();
    }
}
