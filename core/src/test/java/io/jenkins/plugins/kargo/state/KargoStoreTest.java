package io.jenkins.plugins.kargo.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.ConfigSource;
import io.jenkins.plugins.kargo.discovery.DiscoveredImage;
import io.jenkins.plugins.kargo.discovery.DiscoveredPackage;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAliases;
import io.jenkins.plugins.kargo.freight.FreightId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KargoStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456789Z");

    @TempDir
    Path dir;

    private KargoStore open() {
        return open(new TickingClock(T0, Duration.ofSeconds(1)));
    }

    private KargoStore open(Clock clock) {
        return KargoStore.open(dir, clock, new FreightAliases(new Random(11)));
    }

    @Test
    void configurationIsKeptPerProjectAndReplacedWhole() {
        try (KargoStore store = open(Clock.fixed(T0, ZoneOffset.UTC))) {
            store.configurations().apply("myapp", List.of(
                    new ConfigSource("kargo/project.yaml", "kind: Project\nmetadata:\n  name: myapp\n"),
                    new ConfigSource("kargo/warehouses/services.yaml", "kind: Warehouse\n")));
            store.configurations().apply("other", List.of(new ConfigSource("o.yaml", "kind: Project\n")));
            AppliedConfiguration replaced = store.configurations().apply("myapp",
                    List.of(new ConfigSource("kargo/all.yaml", "kind: Project\n---\nkind: Stage\n")));

            assertThat(store.configurations().get("myapp")).contains(replaced);
            assertThat(replaced.documents()).containsExactly(new ConfigSource("kargo/all.yaml", "kind: Project\n---\nkind: Stage\n"));
            assertThat(replaced.appliedAt()).isEqualTo(T0);
            assertThat(store.configurations().projects()).containsExactly("myapp", "other");
            assertThat(store.configurations().get("missing")).isEmpty();
        }
    }

    @Test
    void freightRoundTripsWithAliasTimeAndArtifacts() {
        try (KargoStore store = open(Clock.fixed(T0, ZoneOffset.UTC))) {
            Freight made = TestFreight.image("services", "v1.2.3");

            FreightCreation creation = store.freight().create("myapp", made);

            Freight stored = creation.freight();
            assertThat(creation.created()).isTrue();
            assertThat(stored.name()).isEqualTo(made.name()).isEqualTo(FreightId.of(made));
            assertThat(stored.alias()).matches("[a-z]+-[a-z]+");
            assertThat(stored.createdAt()).isEqualTo(T0);
            assertThat(stored.images()).isEqualTo(made.images());
            assertThat(store.freight().byName("myapp", made.name())).contains(stored);
            assertThat(store.freight().byAlias("myapp", stored.alias())).contains(stored);
            assertThat(store.freight().byName("other-project", made.name())).isEmpty();
            assertThat(store.freight().byAlias("myapp", "no-such")).isEmpty();
        }
    }

    @Test
    void creatingTheSameFreightAgainReturnsTheExistingOne() {
        try (KargoStore store = open()) {
            Freight first = store.freight().create("myapp", TestFreight.image("services", "v1.0.0")).freight();

            FreightCreation again = store.freight().create("myapp", TestFreight.image("services", "v1.0.0"));

            assertThat(again.created()).isFalse();
            assertThat(again.freight()).isEqualTo(first);
            assertThat(store.freight().list("myapp")).containsExactly(first);
        }
    }

    @Test
    void theNameIsRecomputedFromTheArtifactsAsKargosWebhookDoes() {
        try (KargoStore store = open()) {
            Freight made = TestFreight.image("services", "v2.0.0");
            Freight misnamed = new Freight("not-the-id", null, made.origin(), null, made.images(), made.charts(),
                    made.commits(), made.artifacts());

            assertThat(store.freight().create("myapp", misnamed).freight().name()).isEqualTo(made.name());
        }
    }

    @Test
    void aGivenAliasIsKeptAndAUsedOneRefused() {
        try (KargoStore store = open()) {
            Freight one = TestFreight.image("services", "v1.0.0");
            Freight two = TestFreight.image("services", "v1.0.1");
            store.freight().create("myapp", withAlias(one, "first-release"));

            assertThat(store.freight().byAlias("myapp", "first-release")).map(Freight::name).contains(one.name());
            assertThatThrownBy(() -> store.freight().create("myapp", withAlias(two, "first-release")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("alias first-release is already used").hasMessageContaining("myapp");
            assertThat(store.freight().create("other", withAlias(two, "first-release")).created()).isTrue();
        }
    }

    @Test
    void freightIsListedInCreationOrderPerProjectAndWarehouse() {
        try (KargoStore store = open()) {
            List<String> tags = List.of("v3.0.0", "v1.0.0", "v2.0.0", "v0.1.0");
            for (int i = 0; i < tags.size(); i++) {
                store.freight().create("myapp", TestFreight.image(i % 2 == 0 ? "services" : "packages", tags.get(i)));
            }

            assertThat(store.freight().list("myapp")).extracting(f -> f.images().get(0).tag()).containsExactlyElementsOf(tags);
            assertThat(store.freight().list("myapp", "services")).extracting(f -> f.images().get(0).tag())
                    .containsExactly("v3.0.0", "v2.0.0");
            assertThat(store.freight().list("myapp")).extracting(Freight::createdAt).isSorted();
            assertThat(store.freight().list("nothing-here")).isEmpty();
        }
    }

    @Test
    void everythingSurvivesARestartAndNewFreightComesAfterTheOld() {
        List<Freight> before;
        try (KargoStore store = open()) {
            IntStream.range(0, 20).forEach(i -> store.freight().create("myapp", TestFreight.image("services", "v1.0." + (19 - i))));
            store.configurations().apply("myapp", List.of(new ConfigSource("p.yaml", "kind: Project\n")));
            store.warehouses().updateStatus("myapp", "services", s -> s.withLastFreight("abc"));
            before = store.freight().list("myapp");
        }

        try (KargoStore reopened = open()) {
            assertThat(reopened.freight().list("myapp")).isEqualTo(before);
            Freight later = reopened.freight().create("myapp", TestFreight.image("services", "v0.0.1")).freight();
            assertThat(reopened.freight().list("myapp")).hasSize(21).last().isEqualTo(later);
            assertThat(reopened.configurations().projects()).containsExactly("myapp");
            assertThat(reopened.warehouses().status("myapp", "services")).map(WarehouseStatus::lastFreight).contains("abc");
        }
    }

    @Test
    void discoveryResultsAreKeptWithTheirTimeAndErrors() {
        SubscriptionRef image = new SubscriptionRef("image", "registry.local/app", "", "");
        SubscriptionRef npm = new SubscriptionRef("npm", "http://127.0.0.1:4873", "@yourorg/utils", "");
        try (KargoStore store = open()) {
            DiscoveredImage found = new DiscoveredImage("registry.local/app", "v1.0.0", "sha256:" + "e".repeat(64),
                    Instant.parse("2026-11-01T00:00:00Z"), Map.of("k", "v"));
            DiscoveryResult ok = store.warehouses().recordDiscovery("myapp", "services", List.of(
                    SubscriptionDiscovery.found(image, List.of(found)),
                    SubscriptionDiscovery.found(npm, List.of(new DiscoveredPackage("http://127.0.0.1:4873",
                            "@yourorg/utils", "1.0.0", Instant.parse("2026-10-01T00:00:00Z"))))));

            assertThat(store.warehouses().lastDiscovery("myapp", "services")).contains(ok);
            assertThat(ok.failed()).isFalse();
            assertThat(store.warehouses().status("myapp", "services")).get()
                    .satisfies(s -> {
                        assertThat(s.lastDiscoveredAt()).isEqualTo(ok.discoveredAt());
                        assertThat(s.lastError()).isEmpty();
                    });

            DiscoveryResult failed = store.warehouses().recordDiscovery("myapp", "services", List.of(
                    SubscriptionDiscovery.found(image, List.of(found)),
                    SubscriptionDiscovery.failed(npm, "401 Unauthorized from http://127.0.0.1:4873")));

            assertThat(store.warehouses().lastDiscovery("myapp", "services")).contains(failed);
            assertThat(failed.discoveredAt()).isAfter(ok.discoveredAt());
            assertThat(store.warehouses().status("myapp", "services")).map(WarehouseStatus::lastError)
                    .contains("npm http://127.0.0.1:4873 @yourorg/utils: 401 Unauthorized from http://127.0.0.1:4873");
            assertThat(store.warehouses().lastDiscovery("myapp", "packages")).isEmpty();
        }
    }

    @Test
    void warehouseStatusKeepsNewestVersionsAndLastFreight() {
        SubscriptionRef app = new SubscriptionRef("image", "registry.local/app", "", "");
        SubscriptionRef web = new SubscriptionRef("image", "registry.local/web", "", "web");
        try (KargoStore store = open()) {
            store.warehouses().updateStatus("myapp", "services", s -> s.withNewestVersion(app, "v1.0.0").withNewestVersion(web, "2.0.0"));
            WarehouseStatus updated = store.warehouses().updateStatus("myapp", "services",
                    s -> s.withNewestVersion(app, "v1.1.0").withLastFreight("f00"));

            assertThat(store.warehouses().status("myapp", "services")).contains(updated);
            assertThat(updated.newestVersion(app)).contains("v1.1.0");
            assertThat(updated.newestVersion(web)).contains("2.0.0");
            assertThat(updated.lastFreight()).isEqualTo("f00");
            assertThat(updated.lastDiscoveredAt()).isNull();
            assertThat(store.warehouses().statuses("myapp")).containsExactly(updated);
            assertThat(store.warehouses().status("myapp", "packages")).isEmpty();
        }
    }

    @Test
    void aNewStateDirectoryIsTheOwnersOnly() throws Exception {
        Path state = dir.resolve("home/.kargo");
        try (KargoStore store = KargoStore.open(state)) {
            assertThat(store.directory()).isEqualTo(state);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
    }

    @Test
    void theDatabaseAndItsLogAreTheOwnersOnlyEvenInASharedDirectory() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (KargoStore store = open()) {
            store.freight().create("myapp", TestFreight.image("services", "v1.0.0"));

            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .contains("kargo.db", "kargo.db-wal", "kargo.db-shm");
            }
            try (var files = Files.list(dir)) {
                files.forEach(f -> assertThat(uncheckedPermissions(f)).as("permissions of %s", f).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void readersDoNotWaitForAWriterInAnotherStore() throws Exception {
        try (KargoStore writer = open(); KargoStore reader = open()) {
            Freight first = writer.freight().create("myapp", TestFreight.image("services", "v1.0.0")).freight();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<WarehouseStatus> update = thread.submit(() -> writer.warehouses().updateStatus("myapp", "services", s -> {
                    inside.countDown();
                    awaitUninterruptibly(release);
                    return s.withLastFreight("f01");
                }));
                assertThat(inside.await(1, TimeUnit.MINUTES)).as("the writer is inside its transaction").isTrue();

                // the write transaction is open: a reader sees the last commit, at once
                assertThat(reader.freight().list("myapp")).containsExactly(first);
                assertThat(reader.warehouses().status("myapp", "services")).isEmpty();

                release.countDown();
                assertThat(update.get(1, TimeUnit.MINUTES).lastFreight()).isEqualTo("f01");
                assertThat(reader.warehouses().status("myapp", "services").map(WarehouseStatus::lastFreight)).contains("f01");
            } finally {
                release.countDown();
                thread.shutdownNow();
            }
        }
    }

    @Test
    void aStateDirectoryOfTheEarlierH2StoreIsRefusedWithTheWayOut() throws Exception {
        Files.writeString(dir.resolve("kargo.mv.db"), "H2 file");

        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("kargo.mv.db").hasMessageContaining("new --state");
    }

    private static String uncheckedPermissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jsonColumnsHoldJsonTextAndTimesFixedWidthIsoText() {
        Instant whole = Instant.parse("2026-11-27T10:00:00Z");
        try (KargoStore store = open(Clock.fixed(whole, ZoneOffset.UTC))) {
            store.freight().create("myapp", TestFreight.image("services", "v1.0.0"));
        }
        try (Database database = Database.open(dir, Clock.fixed(whole, ZoneOffset.UTC))) {
            List<String> row = database.read("inspecting Freight", c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT typeof(content), "
                        + "json_extract(content, '$.images[0].tag'), created_at FROM freight");
                     ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
                }
            });

            assertThat(row).containsExactly("text", "v1.0.0", "2026-11-27T10:00:00.000000000Z");
        }
    }

    @Test
    void aStoreWrittenByANewerSchemaIsRefusedWithTheWayOut() {
        try (KargoStore store = open()) {
            store.configurations().projects();
        }
        try (Database database = Database.open(dir, new TickingClock(T0, Duration.ofSeconds(1)))) {
            database.transaction("pretending a newer version", c -> {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', CURRENT_TIMESTAMP)")) {
                    return insert.executeUpdate();
                }
            });
        }

        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer kargo").hasMessageContaining("99").hasMessageContaining("--state");
    }

    private static Freight withAlias(Freight f, String alias) {
        return new Freight(f.name(), alias, f.origin(), null, f.images(), f.charts(), f.commits(), f.artifacts());
    }

    @Test
    void aFileThatIsNotADatabaseSaysHowToGoOn(@TempDir Path state) throws Exception {
        Files.createDirectories(state);
        Files.write(state.resolve("kargo.db"), "this is not a database, just garbage text".repeat(100).getBytes());

        assertThatThrownBy(() -> KargoStore.open(state)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("state store " + state + ": kargo.db is not a SQLite database (")
                .hasMessageContaining("restore the state directory from a backup, or start a fresh one");
    }
}
