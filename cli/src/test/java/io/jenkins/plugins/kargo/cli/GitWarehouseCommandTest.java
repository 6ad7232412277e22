package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.GitDaemon;
import io.jenkins.plugins.kargo.url.RepoUrls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warehouse with a git subscription, end to end: {@code kargo apply}, {@code refresh}, {@code get freight}. */
class GitWarehouseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2024-11-14T10:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aGitWarehouseMakesFreightFromTheNewestTaggedCommitServedByAGitDaemon() throws Exception {
        BareGitRepository repo = BareGitRepository.create(temp.resolve("served"), "app");
        repo.commit("first", T0, Map.of("app.txt", "1"));
        repo.annotatedTag("v1.0.0", "first release", T0.plusSeconds(60));
        String second = repo.commit("second", T0.plusSeconds(120), Map.of("app.txt", "2"));
        repo.tag("v1.1.0");
        repo.tag("not-a-version");

        try (GitDaemon daemon = GitDaemon.serve(temp.resolve("served"))) {
            String url = daemon.url("app.git");
            Path config = temp.resolve("kargo");
            Files.createDirectories(config);
            Files.writeString(config.resolve("project.yaml"), """
                    apiVersion: kargo.akuity.io/v1alpha1
                    kind: Project
                    metadata:
                      name: gitapp
                    """);
            Files.writeString(config.resolve("warehouse.yaml"), """
                    apiVersion: kargo.akuity.io/v1alpha1
                    kind: Warehouse
                    metadata:
                      name: source
                      namespace: gitapp
                    spec:
                      subscriptions:
                        - git:
                            repoURL: %s
                            commitSelectionStrategy: SemVer
                            semverConstraint: ^1.0.0
                    """.formatted(url));
            Path state = temp.resolve("state");

            KargoRun apply = kargo(state, "apply", "-f", config.toString());
            assertThat(apply.exitCode()).as(apply.err()).isZero();
            KargoRun refresh = kargo(state, "refresh", "warehouse", "source", "--project", "gitapp");
            assertThat(refresh.exitCode()).as(refresh.err()).isZero();
            assertThat(refresh.out()).contains("created");

            JsonNode freight = freight(state).path("items").get(0);
            JsonNode commit = freight.path("commits").get(0);
            assertThat(commit.path("repoURL").asText()).isEqualTo(url);
            assertThat(commit.path("id").asText()).isEqualTo(second);
            assertThat(commit.path("tag").asText()).isEqualTo("v1.1.0");
            assertThat(commit.path("message").asText()).isEqualTo("second");
            assertThat(commit.path("author").asText()).isEqualTo(BareGitRepository.author());
            // Kargo's GenerateFreightID for a commit: normalized URL, tag and ID
            assertThat(freight.path("metadata").path("name").asText()).isEqualTo(
                    sha1("Warehouse/source:" + RepoUrls.normalizeGit(url) + ":v1.1.0:" + second));
            KargoRun warehouse = kargo(state, "get", "warehouses", "source", "--project", "gitapp", "-o", "json");
            assertThat(warehouse.exitCode()).as(warehouse.err()).isZero();
            JsonNode discovered = JSON.readTree(warehouse.out()).path("status").path("discoveredArtifacts")
                    .path("git").get(0);
            assertThat(discovered.path("repoURL").asText()).isEqualTo(url);
            assertThat(discovered.path("commits").findValuesAsText("tag")).containsExactly("v1.1.0", "v1.0.0");
            assertThat(discovered.path("commits").get(0).path("creatorDate").asText())
                    .isEqualTo(T0.plusSeconds(120).toString());
            try (Stream<Path> cached = Files.list(state.resolve(KargoEngine.GIT_CACHE))) {
                assertThat(cached.filter(p -> p.toString().endsWith(".git"))).as("one bare repository per URL")
                        .hasSize(1);
            }

            KargoRun again = kargo(state, "refresh", "warehouse", "source", "--project", "gitapp");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains("unchanged");

            String third = repo.commit("third", T0.plusSeconds(180), Map.of("app.txt", "3"));
            repo.tag("v1.2.0");
            assertThat(kargo(state, "refresh", "warehouse", "source", "--project", "gitapp").exitCode()).isZero();
            JsonNode items = freight(state).path("items");
            assertThat(items).hasSize(2);
            assertThat(items.findValuesAsText("id")).contains(second, third);
            assertThat(items.findValuesAsText("tag")).contains("v1.1.0", "v1.2.0");
        }
    }

    private static JsonNode freight(Path state) throws Exception {
        KargoRun get = kargo(state, "get", "freight", "--project", "gitapp", "-o", "json");
        assertThat(get.exitCode()).as(get.err()).isZero();
        return JSON.readTree(get.out());
    }

    private static KargoRun kargo(Path state, String... args) {
        return KargoRun.of(state, args);
    }

    private static String sha1(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
