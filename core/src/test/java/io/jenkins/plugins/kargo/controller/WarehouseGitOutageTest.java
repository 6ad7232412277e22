package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.CommitSelectionStrategy;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.Subscribers;
import io.jenkins.plugins.kargo.discovery.git.GitSubscriber;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.git.GitTransportRetry;
import io.jenkins.plugins.kargo.state.KargoStore;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git server that fails every attempt of a discovery leaves the Warehouse's Freight as it was. */
class WarehouseGitOutageTest {

    private static final Instant T0 = Instant.parse("2024-11-14T10:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aDiscoveryWhoseAttemptsAllFailKeepsThePreviousFreightAndTheNextOneCatchesUp() throws Exception {
        BareGitRepository repo = BareGitRepository.create(temp.resolve("served"), "app");
        String first = repo.commit("first", T0, Map.of("a.txt", "1"));
        try (GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), null, null);
             FaultInjectingProxy proxy = FaultInjectingProxy.start(URI.create(server.url("")).getAuthority());
             KargoStore store = KargoStore.open(temp.resolve("state"))) {
            GitSubscriber git = new GitSubscriber(temp.resolve("cache"), CredentialsProvider.NONE,
                    GitTransportRetry.of(3, Duration.ofMillis(1), Duration.ofMillis(2), delay -> { }));
            WarehouseReconciler reconciler = new WarehouseReconciler(new Subscribers(
                    unused -> { throw new DiscoveryException("no images here"); },
                    unused -> { throw new DiscoveryException("no charts here"); },
                    unused -> { throw new DiscoveryException("no packages here"); }, git), CredentialsProvider.NONE, store, EventSink.NONE);
            Warehouse warehouse = new Warehouse("demo", "app", Warehouse.DEFAULT_INTERVAL, List.of(
                    new GitSubscription("http://" + proxy.address() + "/app.git",
                            CommitSelectionStrategy.NewestFromBranch, "main", "", true, List.of(), List.of(),
                            List.of(), List.of(), 20, false, "", SourceLocation.UNKNOWN)), SourceLocation.UNKNOWN);

            Freight before = reconciler.reconcile("demo", warehouse).freight().orElseThrow().freight();
            assertThat(before.commits()).extracting(FreightCommit::id).containsExactly(first);

            String second = repo.commit("second", T0.plusSeconds(60), Map.of("a.txt", "2"));
            proxy.reset();
            proxy.inject("/app.git/info/refs", Fault.times(3, Fault.serviceUnavailable()));
            WarehouseRefresh failed = reconciler.reconcile("demo", warehouse);

            assertThat(failed.freight()).isEmpty();
            assertThat(failed.problems()).singleElement().asString()
                    .contains("not reachable: 3 attempts failed, the last with: 503 Service Unavailable");
            assertThat(store.freight().list("demo", "app")).extracting(Freight::name).containsExactly(before.name());
            assertThat(store.warehouses().status("demo", "app").orElseThrow().lastFreight()).isEqualTo(before.name());
            assertThat(proxy.requestCount("/app.git/info/refs")).as("every attempt").isEqualTo(3);

            Freight after = reconciler.reconcile("demo", warehouse).freight().orElseThrow().freight();
            assertThat(after.commits()).extracting(FreightCommit::id).containsExactly(second);
        }
    }
}
