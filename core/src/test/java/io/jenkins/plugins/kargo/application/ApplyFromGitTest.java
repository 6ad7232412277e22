package io.jenkins.plugins.kargo.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.command.ApplyResult;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.promotion.git.ConfigClone;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.GitHttpServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} from a project source in git (the Jenkins plugin's global project source): a path on a branch of a
 * repository served over HTTP with basic authentication, read with the git credentials the port gives, problems named
 * by repository, branch and path, the clone gone afterwards.
 */
class ApplyFromGitTest {

    private static final String PASSWORD = "config-repo-password-7f3a";
    private static final String PROJECT = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Project
            metadata:
              name: gitapp
            """;

    @TempDir
    Path temp;

    private GitHttpServer server;
    private BareGitRepository repo;
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        repo = BareGitRepository.create(temp.resolve("served"), "config");
        repo.commit("configuration", Instant.parse("2024-11-01T00:00:00Z"), Map.of(
                "kargo/project.yaml", PROJECT, "README.md", "not Kargo\n"));
        server = GitHttpServer.serve(temp.resolve("served"), "robot", PASSWORD);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Kargo kargo() {
        return Kargo.builder(temp.resolve("state")).credentials((url, kind) -> {
            asked.add(kind + " " + url);
            return kind == CredentialKind.git ? Optional.of(new Credentials.UsernamePassword("robot", PASSWORD))
                    : Optional.empty();
        }).build();
    }

    @Test
    void appliesThePathOfTheBranchWithTheRepositorysGitCredentials() throws Exception {
        String url = server.url("config.git");
        try (Kargo kargo = kargo()) {
            ApplyResult result = kargo.commands().apply(ConfigInput.git(url, "main", "kargo"), "alice");

            assertThat(result.projects()).extracting(ApplyResult.AppliedProject::name).containsExactly("gitapp");
            assertThat(kargo.views().projects()).containsExactly("gitapp");
        }
        assertThat(asked).containsExactly("git " + url);
        assertThat(server.authenticatedRequests()).isNotEmpty();
    }

    @Test
    void theCloneHoldsTheBranchAndIsDeletedWhenClosed() throws Exception {
        Path directory;
        try (ConfigClone clone = ConfigClone.of(server.url("config.git"), "main",
                (url, kind) -> Optional.of(new Credentials.UsernamePassword("robot", PASSWORD)))) {
            directory = clone.directory();
            assertThat(directory.resolve("kargo/project.yaml")).hasContent(PROJECT);
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void problemsNameTheRepositoryBranchAndPath() {
        repo.commit("a bad warehouse", Instant.parse("2024-11-02T00:00:00Z"), Map.of("kargo/warehouse.yaml", """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata:
                  name: source
                  namespace: gitapp
                """));
        String url = server.url("config.git");
        try (Kargo kargo = kargo()) {
            assertThatThrownBy(() -> kargo.commands().apply(ConfigInput.git(url, "main", "kargo"), "alice"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(url + "@main:kargo/warehouse.yaml:1: missing required field 'spec'")
                    .hasMessageNotContaining(temp.toString());
            assertThat(kargo.views().projects()).isEmpty();
        }
    }

    @Test
    void aMissingBranchOrPathSaysWhichAndTheFix() {
        String url = server.url("config.git");
        try (Kargo kargo = kargo()) {
            assertThatThrownBy(() -> kargo.commands().apply(ConfigInput.git(url, "release", "kargo"), "alice"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot read branch release of " + url)
                    .hasMessageContaining("check the repository URL, the branch and its credentials");
            assertThatThrownBy(() -> kargo.commands().apply(ConfigInput.git(url, "main", "deploy/kargo"), "alice"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("there is no deploy/kargo on branch main of " + url);
            assertThatThrownBy(() -> ConfigInput.git(url, "main", "../etc"))
                    .hasMessageContaining("must stay inside the repository");
        }
    }

    @Test
    void wrongCredentialsFailNamingTheRepositoryButNeverThePassword() {
        String url = server.url("config.git");
        try (Kargo kargo = Kargo.builder(temp.resolve("state")).credentials((u, kind) ->
                Optional.of(new Credentials.UsernamePassword("robot", "not-" + PASSWORD))).build()) {
            assertThatThrownBy(() -> kargo.commands().apply(ConfigInput.git(url, "main", "kargo"), "alice"))
                    .hasMessageContaining("cannot read branch main of " + url)
                    .hasMessageNotContaining(PASSWORD);
        }
    }
}
