package io.jenkins.plugins.kargo.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAliases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers on one store directory: threads on two store instances, and a second JVM. Writers overlap on
 * purpose (the same Freight created by several at once) and draw aliases from identically seeded generators, so
 * names and aliases collide as often as possible.
 */
class KargoStoreConcurrencyTest {

    private static final int THREADS_PER_STORE = 4;
    private static final int DISTINCT_FREIGHT = 60;

    @TempDir
    Path dir;

    @Test
    void twoStoresAndManyThreadsLoseNothingAndDuplicateNothing() throws Exception {
        try (KargoStore one = open(); KargoStore two = open()) {
            List<Callable<Integer>> writers = new ArrayList<>();
            for (KargoStore store : List.of(one, two)) {
                for (int t = 0; t < THREADS_PER_STORE; t++) {
                    int offset = t * 7;
                    writers.add(() -> createAll(store, offset));
                }
            }

            int created = runTogether(writers).stream().mapToInt(Integer::intValue).sum();

            assertThat(created).isEqualTo(DISTINCT_FREIGHT);
            assertAllStoredOnce(one.freight().list("myapp"), DISTINCT_FREIGHT);
            assertThat(two.freight().list("myapp")).isEqualTo(one.freight().list("myapp"));
        }
    }

    @Test
    void concurrentStatusUpdatesAreNotLost() throws Exception {
        SubscriptionRef ref = new SubscriptionRef("image", "registry.local/app", "", "");
        try (KargoStore one = open(); KargoStore two = open()) {
            List<Callable<Integer>> writers = new ArrayList<>();
            for (KargoStore store : List.of(one, two)) {
                for (int t = 0; t < THREADS_PER_STORE; t++) {
                    writers.add(() -> {
                        for (int i = 0; i < 25; i++) {
                            // a read-modify-write: only atomic updates keep every increment
                            store.warehouses().updateStatus("myapp", "services", s -> s.withNewestVersion(ref,
                                    String.valueOf(Integer.parseInt(s.newestVersion(ref).orElse("0")) + 1)));
                        }
                        return 25;
                    });
                }
            }

            int increments = runTogether(writers).stream().mapToInt(Integer::intValue).sum();

            assertThat(one.warehouses().status("myapp", "services").flatMap(s -> s.newestVersion(ref)))
                    .contains(String.valueOf(increments));
        }
    }

    @Test
    void aSecondProcessWritesAlongside() throws Exception {
        try (KargoStore store = open()) {
            Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    StoreWriterProcess.class.getName(), dir.toString(), "myapp", "0", String.valueOf(DISTINCT_FREIGHT - 1))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream in = child.getOutputStream()) {
                assertThat(out.readLine()).isEqualTo("ready");
                List<Callable<Integer>> writers = new ArrayList<>();
                for (int t = 0; t < THREADS_PER_STORE; t++) {
                    int offset = t * 11;
                    writers.add(() -> createAll(store, offset));
                }
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
                in.flush();

                int createdHere = runTogether(writers).stream().mapToInt(Integer::intValue).sum();

                String report = out.readLine();
                assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("second process finished").isTrue();
                assertThat(child.exitValue()).isZero();
                assertThat(report).startsWith("created ");
                int createdThere = Integer.parseInt(report.substring("created ".length()));
                assertThat(createdHere + createdThere).isEqualTo(DISTINCT_FREIGHT);
                assertAllStoredOnce(store.freight().list("myapp"), DISTINCT_FREIGHT);
            } finally {
                child.destroy();
            }
        }
        try (KargoStore reopened = open()) {
            assertAllStoredOnce(reopened.freight().list("myapp"), DISTINCT_FREIGHT);
        }
    }

    private KargoStore open() {
        return KargoStore.open(dir, Clock.systemUTC(), new FreightAliases(new Random(5)));
    }

    /** Creates every Freight of the pool, starting at {@code offset}; returns how many this writer created. */
    private static int createAll(KargoStore store, int offset) {
        int created = 0;
        for (int i = 0; i < DISTINCT_FREIGHT; i++) {
            if (store.freight().create("myapp", TestFreight.image("services", "v1.0." + (offset + i) % DISTINCT_FREIGHT)).created()) {
                created++;
            }
        }
        return created;
    }

    private static void assertAllStoredOnce(List<Freight> stored, int expected) {
        assertThat(stored).hasSize(expected);
        assertThat(stored.stream().map(Freight::name).collect(Collectors.toSet())).hasSize(expected);
        Set<String> aliases = new HashSet<>();
        stored.forEach(f -> assertThat(aliases.add(f.alias())).as("alias %s used once", f.alias()).isTrue());
        Set<String> expectedTags = new HashSet<>();
        for (int i = 0; i < expected; i++) {
            expectedTags.add("v1.0." + i);
        }
        assertThat(stored.stream().map(f -> f.images().get(0).tag()).collect(Collectors.toSet())).isEqualTo(expectedTags);
    }

    /** Starts all writers at the same moment (a latch, not a sleep) and returns their results. */
    private static <T> List<T> runTogether(List<Callable<T>> writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> writer : writers) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return writer.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
