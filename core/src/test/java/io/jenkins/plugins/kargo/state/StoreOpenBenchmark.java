package io.jenkins.plugins.kargo.state;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * State store benchmark (not a test), run by {@code ci/bench-state.sh}: {@code seed DIR PROJECT COUNT} stores
 * {@code COUNT} Freight; {@code open DIR} prints the milliseconds, wall clock and CPU of this thread, that one
 * {@code KargoStore.open} plus {@code close} takes in a fresh JVM: the cost every {@code kargo} command pays. CPU time
 * is the figure to compare on a busy machine, where wall time mostly measures waiting for a core.
 */
public final class StoreOpenBenchmark {

    private StoreOpenBenchmark() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "seed" -> {
                try (KargoStore store = KargoStore.open(dir)) {
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        store.freight().create(args[2], TestFreight.image("services-warehouse", "v1.0." + i));
                    }
                }
            }
            case "open" -> {
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long start = System.nanoTime();
                long startCpu = threads.getCurrentThreadCpuTime();
                try (KargoStore store = KargoStore.open(dir)) {
                    store.directory();
                }
                System.out.printf("%.1f %.1f%n", (System.nanoTime() - start) / 1e6,
                        (threads.getCurrentThreadCpuTime() - startCpu) / 1e6);
            }
            default -> throw new IllegalArgumentException("usage: seed DIR PROJECT COUNT | open DIR");
        }
    }
}
