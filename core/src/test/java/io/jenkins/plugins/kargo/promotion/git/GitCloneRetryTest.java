package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.git.GitTransportRetry;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.Fault;
import io.jenkins.plugins.kargo.testkit.FaultInjectingProxy;
import io.jenkins.plugins.kargo.testkit.GitHttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code git-clone} retries through a {@link FaultInjectingProxy} in front of a real smart-HTTP git server. */
class GitCloneRetryTest {

    private static final Instant T0 = Instant.parse("2024-11-14T10:00:00Z");
    private static final String INFO_REFS = "/app.git/info/refs";

    @TempDir
    Path temp;

    private BareGitRepository repo;
    private GitHttpServer server;
    private FaultInjectingProxy proxy;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private GitCloneStep clone;

    @BeforeEach
    void setUp() {
        repo = BareGitRepository.create(temp.resolve("served"), "app");
        repo.commit("first", T0, Map.of("app.yaml", "tag: v1\n"));
        server = GitHttpServer.serve(temp.resolve("served"), null, null);
        proxy = FaultInjectingProxy.start(URI.create(server.url("")).getAuthority());
        clone = new GitCloneStep(new RepositoryCache(temp.resolve("cache"),
                GitTransportRetry.of(4, Duration.ofMillis(10), Duration.ofMillis(40), waits::add)));
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        server.close();
    }

    @Test
    void aCloneAnswered503IsRetriedUntilItSucceeds() throws Exception {
        proxy.inject(INFO_REFS, Fault.serviceUnavailable(), Fault.serviceUnavailable());

        StepResult result = cloneMain("p1", url());

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(result.output()).isEqualTo(Map.of("commits", Map.of("./out", repo.head())));
        assertThat(WorkDirPath.resolve(temp.resolve("work/p1"), "path", "out/app.yaml")).as("as a step reads it")
                .hasContent("tag: v1\n");
        assertThat(proxy.pendingFaults()).isZero();
        assertThat(proxy.requestCount(INFO_REFS)).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void theCachesFetchIsRetriedAfterDroppedConnections() throws Exception {
        assertThat(cloneMain("p1", url()).status()).isEqualTo(StepStatus.Succeeded);
        String second = repo.commit("second", T0.plusSeconds(60), Map.of("app.yaml", "tag: v2\n"));
        // the JDK's HTTP client resends a GET once by itself after a dropped connection: four drops are two failures
        proxy.inject(INFO_REFS, Fault.times(4, Fault.dropConnection()));

        StepResult result = cloneMain("p2", url());

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(result.message()).contains("fetched into the cache");
        assertThat(result.output()).isEqualTo(Map.of("commits", Map.of("./out", second)));
        assertThat(proxy.pendingFaults()).isZero();
        assertThat(waits).hasSize(2);
    }

    @Test
    void aMissingRepositoryIsNotRetried() throws Exception {
        String missing = "http://" + proxy.address() + "/missing.git";

        StepResult result = cloneMain("p1", missing);

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).startsWith("git-clone: could not clone " + missing + ": ").contains("not found")
                .doesNotContain("attempts");
        assertThat(proxy.requestCount("/missing.git/info/refs")).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anAuthenticationFailureIsNotRetried() throws Exception {
        try (GitHttpServer guarded = GitHttpServer.serve(temp.resolve("served"), "user", "pw");
             FaultInjectingProxy front = FaultInjectingProxy.start(URI.create(guarded.url("")).getAuthority())) {
            StepResult result = cloneMain("p1", "http://" + front.address() + "/app.git");

            assertThat(result.status()).isEqualTo(StepStatus.Errored);
            assertThat(result.message()).contains("no git credentials match this URL").doesNotContain("attempts");
            assertThat(front.requestCount(INFO_REFS)).as("the server's 401, once").isEqualTo(1);
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void whenEveryAttemptFailsTheStepNamesTheRepositoryWithoutCredentialsTheAttemptsAndTheLastCause() throws Exception {
        proxy.inject(INFO_REFS, Fault.times(4, Fault.serviceUnavailable()));

        StepResult result = cloneMain("p1", "http://kargo:s3cr3t-token@" + proxy.address() + "/app.git");

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).isEqualTo("git-clone: could not clone " + url()
                + ": 4 attempts failed, the last with: 503 Service Unavailable");
        assertThat(proxy.requestCount(INFO_REFS)).isEqualTo(4);
        assertThat(waits).hasSize(3);
        try (Stream<Path> cached = Files.list(temp.resolve("cache"))) {
            assertThat(cached.filter(Files::isDirectory)).as("no clone, whole or partial, is left").isEmpty();
        }
        assertThat(temp.resolve("work/p1/out")).doesNotExist();
    }

    private String url() {
        return "http://" + proxy.address() + "/app.git";
    }

    private StepResult cloneMain(String promotion, String repoURL) throws Exception {
        return clone.run(context(temp.resolve("work"), promotion), config("""
                repoURL: '%s'
                checkout: [{branch: main, path: ./out}]
                """.formatted(repoURL)));
    }
}
