package io.jenkins.plugins.kargo.discovery.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.ImageSelectionStrategy;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.semver.SemverRange;
import io.jenkins.plugins.kargo.tags.TagFilter;
import io.jenkins.plugins.kargo.tags.TagOrder;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Discovery at scale in bounded memory (a benchmark, not a test; {@code ci/bench-discovery.sh} runs it in a JVM of
 * {@code -Xmx256m}). Fills the local registry once with 1,000 repositories of 100 tags (the 30 highest versions of
 * each are images of their own, the 70 older tags name one shared image: SemVer discovery with the default limit of
 * 20 only reads the highest), then measures, next to {@code skopeo list-tags} of every repository (timed on the
 * first 100, one process each, and scaled):
 * <ul>
 *   <li>SemVer discovery of all repositories, 8 subscriptions at a time (a warehouse's concurrency), with the rate
 *       limit out of the way, cold (empty image cache) and warm: wall time, requests, peak heap;</li>
 *   <li>10 of them discovered at once with the default per-registry rate limit (Kargo's 20 requests/s): the
 *       requests per second the registry saw.</li>
 * </ul>
 * Arguments: {@code [repositories (1000)] [tags (100)]}.
 */
final class DiscoveryScaleBenchmark {

    private static final int DISTINCT = 30;
    private static final int CONCURRENT = 8;
    private static final int SKOPEO_SAMPLE = 100;
    private static final SourceLocation HERE = new SourceLocation("DiscoveryScaleBenchmark", 0, "image");

    private final String registry = TestServices.registry();
    private final List<String> repositories;
    private final int tags;

    private DiscoveryScaleBenchmark(int repositories, int tags) {
        this.repositories = IntStream.range(0, repositories).mapToObj(i -> String.format("scale/svc-%04d", i)).toList();
        this.tags = tags;
    }

    public static void main(String[] args) throws Exception {
        int repositories = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int tags = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        new DiscoveryScaleBenchmark(repositories, tags).run();
    }

    private void run() throws Exception {
        System.out.printf("scale: %,d repositories x %d tags, registry %s, max heap %d MiB%n", repositories.size(), tags,
                registry, Runtime.getRuntime().maxMemory() >> 20);
        fill();
        // skopeo's process per repository costs about a second on a busy machine: time a sample, count the rest alike.
        List<String> sample = repositories.subList(0, Math.min(SKOPEO_SAMPLE, repositories.size()));
        long skopeoStart = System.nanoTime();
        for (String repository : sample) {
            Process process = new ProcessBuilder("skopeo", "list-tags", "--tls-verify=false",
                    "docker://" + registry + "/" + repository).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("skopeo list-tags failed for " + repository);
            }
        }
        long skopeo = millisSince(skopeoStart) * repositories.size() / sample.size();

        AtomicLong requests = new AtomicLong();
        ImageSubscriber subscriber = subscriber(RegistryHttp.builder().requestsPerSecond(100_000)
                .listener(exchange -> requests.incrementAndGet()));
        Pass cold = pass(subscriber, repositories, requests);
        Pass warm = pass(subscriber, repositories, requests);
        System.out.printf("%-58s %9s %10s %10s %12s%n", "run", "requests", "wall ms", "peak heap", "ratio");
        System.out.printf("%-58s %9d %10d %10s %12s%n", "skopeo list-tags, one process per repository (baseline)*",
                3L * repositories.size(), skopeo, "-", "1.00x");
        for (Pass pass : List.of(cold, warm)) {
            System.out.printf("%-58s %9d %10d %8d MiB %11.2fx%n", "engine SemVer discovery, " + pass.name
                            + ", " + CONCURRENT + " at a time", pass.requests, pass.millis, pass.peakHeap >> 20,
                    (double) pass.millis / skopeo);
        }
        System.out.printf("* skopeo timed on the first %d repositories, scaled to all %,d%n", sample.size(), repositories.size());
        System.out.printf("target: %,d x %d discovered within -Xmx%dm: met (peak heap %d MiB cold, %d MiB warm)%n",
                repositories.size(), tags, Runtime.getRuntime().maxMemory() >> 20, cold.peakHeap >> 20, warm.peakHeap >> 20);

        ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
        ImageSubscriber limited = subscriber(RegistryHttp.builder().listener(exchange -> times.add(System.nanoTime())));
        List<String> ten = repositories.subList(0, Math.min(10, repositories.size()));
        long start = System.nanoTime();
        runConcurrently(limited, ten, ten.size());
        long millis = millisSince(start);
        List<Long> sorted = times.stream().sorted().toList();
        int busiest = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= 1_000_000_000L) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }
        System.out.printf("default rate limit (20 requests/s per registry), %d repositories discovered at once: %d requests"
                        + " in %d ms = %.1f requests/s on average, at most %d in any one second%n", ten.size(),
                sorted.size(), millis, sorted.size() * 1000.0 / millis, busiest);
    }

    private record Pass(String name, long requests, long millis, long peakHeap) {
    }

    private ImageSubscriber subscriber(RegistryHttp.Builder http) {
        return new ImageSubscriber(new OciRegistryClient(http.build()), new ImageInspector(), CredentialsProvider.NONE,
                EventSink.NONE);
    }

    private Pass pass(ImageSubscriber subscriber, List<String> repositories, AtomicLong requests) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = requests.get();
        long start = System.nanoTime();
        runConcurrently(subscriber, repositories, CONCURRENT);
        long millis = millisSince(start);
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Pass(before == 0 ? "cold" : "warm", requests.get() - before, millis, peak);
    }

    private void runConcurrently(ImageSubscriber subscriber, List<String> repositories, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> discoveries = new ArrayList<>();
            for (String repository : repositories) {
                discoveries.add(pool.submit(() -> {
                    if (subscriber.discover(semver(repository)).isEmpty()) {
                        throw new IllegalStateException("nothing discovered in " + repository);
                    }
                    return null;
                }));
            }
            for (Future<?> discovery : discoveries) {
                discovery.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ImageSubscription semver(String repository) {
        return new ImageSubscription(registry + "/" + repository, ImageSelectionStrategy.SemVer, "", false, List.of(),
                List.of(), "", ImageSubscription.DEFAULT_DISCOVERY_LIMIT, false, false, "", HERE);
    }

    /** Pushes what a repository lacks: its highest versions as images of their own, the rest as one shared image. */
    private void fill() throws Exception {
        List<String> all = DiscoveryBenchmark.semverTags(tags);
        List<String> ordered = TagOrder.bySemver(all, TagFilter.allowAll(), SemverRange.parse(""), true);
        List<String> distinct = ordered.subList(0, Math.min(DISTINCT, ordered.size()));
        List<String> shared = ordered.subList(distinct.size(), ordered.size());
        OciImagePusher pusher = OciImagePusher.anonymous(registry);
        Instant first = Instant.parse("2024-01-01T00:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long start = System.nanoTime();
        int filled = 0;
        try {
            List<Future<?>> pushes = new ArrayList<>();
            for (String repository : repositories) {
                if (existingTags(repository) >= tags) {
                    continue;
                }
                filled++;
                for (int i = 0; i < distinct.size(); i++) {
                    String tag = distinct.get(i);
                    Instant created = first.plus(Duration.ofMinutes(tags - i));
                    pushes.add(pool.submit(() -> pusher.image(repository).tag(tag).created(created).push()));
                }
                if (!shared.isEmpty()) {
                    pushes.add(pool.submit(() -> pusher.image(repository).tags(shared).created(first).push()));
                }
            }
            for (Future<?> push : pushes) {
                push.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (filled > 0) {
            System.out.printf("filled %d repositories in %d ms%n", filled, millisSince(start));
        }
    }

    private int existingTags(String repository) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/tags/list")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()).path("tags").size() : 0;
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
