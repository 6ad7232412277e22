package io.jenkins.plugins.kargo.discovery.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.CommitSelectionStrategy;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredCommit;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.git.GitTransportRetry;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.Fault;
import io.jenkins.plugins.kargo.testkit.FaultInjectingProxy;
import io.jenkins.plugins.kargo.testkit.GitHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link GitSubscriber} retries through a {@link FaultInjectingProxy} in front of a real smart-HTTP git server. */
class GitSubscriberRetryTest {

    @TempDir
    Path temp;

    private BareGitRepository repo;
    private GitHttpServer server;
    private FaultInjectingProxy proxy;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private GitSubscriber subscriber;

    @BeforeEach
    void setUp() {
        repo = BareGitRepository.create(temp.resolve("served"), "app");
        server = GitHttpServer.serve(temp.resolve("served"), null, null);
        proxy = FaultInjectingProxy.start(URI.create(server.url("")).getAuthority());
        subscriber = new GitSubscriber(temp.resolve("cache"), CredentialsProvider.NONE,
                GitTransportRetry.of(4, Duration.ofMillis(10), Duration.ofMillis(40), waits::add));
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        server.close();
    }

    private static final Instant T0 = Instant.parse("2024-11-14T10:00:00Z");
    private static final String INFO_REFS = "/app.git/info/refs";
    private static final String UPLOAD_PACK = "/app.git/git-upload-pack";

    @Test
    void anLsRemoteAnsweredWith503IsRetriedUntilItSucceeds() throws Exception {
        String head = repo.commit("first", T0, Map.of("a.txt", "1"));
        proxy.inject(INFO_REFS, Fault.serviceUnavailable(), Fault.serviceUnavailable());

        assertThat(subscriber.discover(main())).extracting(DiscoveredCommit::id).containsExactly(head);

        assertThat(proxy.pendingFaults()).isZero();
        assertThat(proxy.requestCount(INFO_REFS)).as("three ls-remote attempts, then the fetch's").isEqualTo(4);
        assertThat(subscriber.fetches()).isEqualTo(1);
        assertThat(waits).hasSize(2).allSatisfy(wait -> assertThat(wait).isBetween(
                Duration.ofMillis(5), Duration.ofMillis(40)));
    }

    @Test
    void aFetchThatFailsWith503OrADroppedConnectionIsRetried() throws Exception {
        String head = repo.commit("first", T0, Map.of("a.txt", "1"));
        // protocol v2: ls-remote is GET info/refs + POST ls-refs; the fetch GET info/refs + POST ls-refs + POST fetch
        proxy.inject(UPLOAD_PACK, Fault.forward(), Fault.forward(), Fault.serviceUnavailable());
        proxy.inject(INFO_REFS, Fault.forward(), Fault.dropConnection(), Fault.dropConnection());

        assertThat(subscriber.discover(main())).extracting(DiscoveredCommit::id).containsExactly(head);

        assertThat(proxy.pendingFaults()).isZero();
        assertThat(subscriber.fetches()).isEqualTo(1);
        assertThat(waits).as("the fetch failed twice: the 503 and the dropped connections").hasSize(2);
    }

    @Test
    void connectionsDroppedRepeatedlyAreRetried() throws Exception {
        String head = repo.commit("first", T0, Map.of("a.txt", "1"));
        // the JDK's HTTP client resends a GET once by itself after a dropped connection: four drops are two failures
        proxy.inject(INFO_REFS, Fault.times(4, Fault.dropConnection()));

        assertThat(subscriber.discover(main())).extracting(DiscoveredCommit::id).containsExactly(head);

        assertThat(proxy.pendingFaults()).isZero();
        assertThat(waits).hasSize(2);
    }

    @Test
    void a429AndA500AreRetriedToo() throws Exception {
        String head = repo.commit("first", T0, Map.of("a.txt", "1"));
        proxy.inject(INFO_REFS, Fault.status(429), Fault.serverError());

        assertThat(subscriber.discover(main())).extracting(DiscoveredCommit::id).containsExactly(head);
        assertThat(proxy.requestCount(INFO_REFS)).isEqualTo(4);
        assertThat(waits).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 501})
    void aStatusThatCannotChangeIsNotRetried(int status) {
        repo.commit("first", T0, Map.of("a.txt", "1"));
        proxy.inject(INFO_REFS, Fault.status(status));

        assertThatThrownBy(() -> subscriber.discover(main()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("git repository http://" + proxy.address() + "/app.git: ")
                .hasMessageNotContaining("attempts");
        assertThat(proxy.requestCount(INFO_REFS)).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aMissingRepositoryIsNotRetried() {
        GitSubscription missing = subscription("http://" + proxy.address() + "/missing.git");

        assertThatThrownBy(() -> subscriber.discover(missing))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("not found");
        assertThat(proxy.requestCount("/missing.git/info/refs")).as("git http-backend answered 404 once").isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anAuthenticationFailureIsNotRetried() {
        repo.commit("first", T0, Map.of("a.txt", "1"));
        try (GitHttpServer guarded = GitHttpServer.serve(temp.resolve("served"), "user", "pw");
             FaultInjectingProxy front = FaultInjectingProxy.start(URI.create(guarded.url("")).getAuthority())) {
            GitSubscription app = subscription("http://" + front.address() + "/app.git");

            assertThatThrownBy(() -> subscriber.discover(app))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("configure git credentials");
            assertThat(front.requestCount(INFO_REFS)).as("the server's 401, once").isEqualTo(1);
            assertThat(guarded.authenticatedRequests()).isEmpty();
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void whenEveryAttemptFailsDiscoveryFailsNamingTheAttemptsAndTheLastCause() {
        repo.commit("first", T0, Map.of("a.txt", "1"));
        proxy.inject(INFO_REFS, Fault.times(4, Fault.serviceUnavailable()));

        assertThatThrownBy(() -> subscriber.discover(main()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("git repository http://" + proxy.address() + "/app.git: not reachable: 4 attempts failed,"
                        + " the last with: 503 Service Unavailable");
        assertThat(proxy.requestCount(INFO_REFS)).isEqualTo(4);
        assertThat(waits).hasSize(3);
        assertThat(subscriber.fetches()).isZero();
    }

    private GitSubscription main() {
        return subscription("http://" + proxy.address() + "/app.git");
    }

    private static GitSubscription subscription(String url) {
        return new GitSubscription(url, CommitSelectionStrategy.NewestFromBranch,
                "main", "", true, List.of(), List.of(), List.of(), List.of(), 20, false, "", SourceLocation.UNKNOWN);
    }
}
