package io.jenkins.plugins.kargo.discovery.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ImageRepositoryTest {

    @Test
    void readsReferencesAsDockerDoes() {
        assertThat(ImageRepository.parse("harbor.example.com/services/user-service"))
                .isEqualTo(new ImageRepository("harbor.example.com", "services/user-service"));
        assertThat(ImageRepository.parse("127.0.0.1:5000/app")).isEqualTo(new ImageRepository("127.0.0.1:5000", "app"));
        assertThat(ImageRepository.parse("localhost/app")).isEqualTo(new ImageRepository("localhost", "app"));
        assertThat(ImageRepository.parse("oci://ghcr.io/org/charts/app")).isEqualTo(new ImageRepository("ghcr.io", "org/charts/app"));
        assertThat(ImageRepository.parse("nginx")).isEqualTo(new ImageRepository(ImageRepository.DOCKER_HUB, "library/nginx"));
        assertThat(ImageRepository.parse("bitnami/redis")).isEqualTo(new ImageRepository(ImageRepository.DOCKER_HUB, "bitnami/redis"));
        assertThat(ImageRepository.parse("docker.io/nginx")).isEqualTo(new ImageRepository(ImageRepository.DOCKER_HUB, "library/nginx"));
    }

    @Test
    void baseUriFollowsTheSchemePolicy() {
        assertThat(ImageRepository.parse("127.0.0.1:5000/app").baseUri(false)).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(ImageRepository.parse("ghcr.io/org/app").baseUri(false)).isEqualTo(URI.create("https://ghcr.io"));
    }

    @Test
    void rejectsTagsDigestsAndBadPaths() {
        assertThatThrownBy(() -> ImageRepository.parse("ghcr.io/org/app:1.0")).hasMessageContaining("must not carry a tag");
        assertThatThrownBy(() -> ImageRepository.parse("ghcr.io/org/app@sha256:abc")).hasMessageContaining("must not carry");
        assertThatThrownBy(() -> ImageRepository.parse("ghcr.io/Org/App")).hasMessageContaining("invalid path 'Org/App'");
        assertThatThrownBy(() -> ImageRepository.parse("https://ghcr.io/org/app")).hasMessageContaining("not an image repository");
    }
}
