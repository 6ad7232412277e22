package io.jenkins.plugins.kargo.freight;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kargo's own test ({@code pkg/api/freight_test.go}) has no fixed IDs, so each expectation here is the SHA-1 that
 * {@code sha1sum} computes over the canonical string written out by hand from {@code GenerateFreightID}'s recipe.
 */
class FreightIdTest {

    private static final String DIGEST_A = "sha256:" + "a".repeat(64);
    private static final String DIGEST_B = "sha256:" + "b".repeat(64);
    private static final String DIGEST_C = "sha256:" + "c".repeat(64);

    @Test
    void imagesAreRepoTagAndDigestSortedAfterTheOrigin() throws Exception {
        List<FreightImage> images = List.of(
                image("harbor.yourdomain.com/services/user-service", "v1.2.3", DIGEST_A),
                image("harbor.yourdomain.com/services/payment-service", "v1.2.3-beta.1", DIGEST_B),
                image("harbor.yourdomain.com/services/notification-service", "v1.0.0", DIGEST_C));

        String id = FreightId.of(FreightOrigin.warehouse("services-warehouse"), List.of(), images, List.of(), List.of());

        assertThat(id).isEqualTo(sha1sum("Warehouse/services-warehouse:"
                + "harbor.yourdomain.com/services/notification-service:v1.0.0@" + DIGEST_C
                + "|harbor.yourdomain.com/services/payment-service:v1.2.3-beta.1@" + DIGEST_B
                + "|harbor.yourdomain.com/services/user-service:v1.2.3@" + DIGEST_A));
    }

    @Test
    void imageRepoUrlsAreNotNormalised() throws Exception {
        String id = FreightId.of(FreightOrigin.warehouse("w"), List.of(),
                List.of(image("docker.io/library/NGINX", "1.27", DIGEST_A)), List.of(), List.of());

        assertThat(id).isEqualTo(sha1sum("Warehouse/w:docker.io/library/NGINX:1.27@" + DIGEST_A));
    }

    @Test
    void seedPackagesDeclaredAsChartsJoinTheNormalisedUrlAndNameAsGoPathJoinDoes() throws Exception {
        List<FreightChart> charts = List.of(
                new FreightChart("https://verdaccio.yourdomain.com", "@yourorg/common-types", "1.0.0", ""),
                new FreightChart("https://verdaccio.yourdomain.com", "@yourorg/api-client", "1.1.0-beta.2", ""),
                new FreightChart("https://verdaccio.yourdomain.com", "@yourorg/utils", "2.0.0", ""));

        String id = FreightId.of(FreightOrigin.warehouse("packages-warehouse"), List.of(), List.of(), charts, List.of());

        assertThat(id).isEqualTo(sha1sum("Warehouse/packages-warehouse:"
                + "https:/verdaccio.yourdomain.com/@yourorg/api-client:1.1.0-beta.2"
                + "|https:/verdaccio.yourdomain.com/@yourorg/common-types:1.0.0"
                + "|https:/verdaccio.yourdomain.com/@yourorg/utils:2.0.0"));
    }

    @Test
    void chartsOnALoopbackPortLoseThePortAsKargoReadsItAsATag() throws Exception {
        String id = FreightId.of(FreightOrigin.warehouse("packages"), List.of(), List.of(),
                List.of(new FreightChart("http://127.0.0.1:4873", "@yourorg/utils", "1.0.0", "utils")), List.of());

        assertThat(id).isEqualTo(sha1sum("Warehouse/packages:http:/127.0.0.1/@yourorg/utils:1.0.0:utils"));
    }

    @Test
    void ociChartsDropTheSchemeAndDockerHubPrefix() throws Exception {
        String id = FreightId.of(FreightOrigin.warehouse("charts"), List.of(), List.of(), List.of(
                new FreightChart("oci://GHCR.io/Org/charts/app", "", "0.3.1", ""),
                new FreightChart("oci://registry-1.docker.io/bitnamicharts/redis", "", "19.0.0", "cache")), List.of());

        assertThat(id).isEqualTo(sha1sum("Warehouse/charts:bitnamicharts/redis:19.0.0:cache|ghcr.io/org/charts/app:0.3.1"));
    }

    @Test
    void commitsUseTheNormalisedGitUrlAndTheTagWhenThereIsOne() throws Exception {
        List<FreightCommit> commits = List.of(
                new FreightCommit("https://GitHub.com/Example/Repo.git", "1234abcd", "main", "", "msg", "a", "c", ""),
                new FreightCommit("git@github.com:example/other.git", "5678ef00", "", "v1.0.0", "msg", "a", "c", "other"));

        String id = FreightId.of(FreightOrigin.warehouse("git"), commits, List.of(), List.of(), List.of());

        assertThat(id).isEqualTo(sha1sum("Warehouse/git:"
                + "https://github.com/example/repo:1234abcd"
                + "|ssh://git@github.com/example/other:v1.0.0:5678ef00:other"));
    }

    @Test
    void allKindsAreSortedTogetherAndSubscriptionNamesAppended() throws Exception {
        Freight freight = new Freight("ignored", "ignored-alias", FreightOrigin.warehouse("mixed"), null,
                List.of(new FreightImage("registry.local/app", "2.0.0", DIGEST_A, Map.of(), "app")),
                List.of(new FreightChart("https://charts.example.com", "nginx", "15.0.0", "")),
                List.of(new FreightCommit("https://git.example.com/cfg", "abc", "", "", "", "", "", "")),
                List.of(new FreightArtifact("npm", "utils", "3.1.4", Map.of("repoURL", "http://x", "package", "utils"))));

        assertThat(FreightId.of(freight)).isEqualTo(sha1sum("Warehouse/mixed:"
                + "https://git.example.com/cfg:abc" // '/' sorts before 'c'
                + "|https:/charts.example.com/nginx:15.0.0"
                + "|npm:utils:3.1.4"
                + "|registry.local/app:2.0.0@" + DIGEST_A + ":app"));
    }

    @Test
    void sameArtifactsGiveTheSameIdAndAnyChangeGivesAnother() {
        List<FreightImage> images = List.of(image("r/a", "1", DIGEST_A), image("r/b", "1", DIGEST_B));
        String id = FreightId.of(FreightOrigin.warehouse("w"), List.of(), images, List.of(), List.of());

        assertThat(FreightId.of(FreightOrigin.warehouse("w"), List.of(), List.of(images.get(1), images.get(0)), List.of(), List.of())).isEqualTo(id);
        assertThat(id).hasSize(40).matches("[0-9a-f]{40}");
        assertThat(FreightId.of(FreightOrigin.warehouse("other"), List.of(), images, List.of(), List.of())).isNotEqualTo(id);
        assertThat(FreightId.of(FreightOrigin.warehouse("w"), List.of(),
                List.of(image("r/a", "1", DIGEST_C), image("r/b", "1", DIGEST_B)), List.of(), List.of())).isNotEqualTo(id);
    }

    private static FreightImage image(String repoURL, String tag, String digest) {
        return new FreightImage(repoURL, tag, digest, Map.of(), "");
    }

    /** The SHA-1 of the exact bytes, from coreutils' sha1sum: an implementation independent of ours. */
    static String sha1sum(String canonical) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sha1sum").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(canonical.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("sha1sum: %s", out).isZero();
        return out.substring(0, 40);
    }
}
