package io.jenkins.plugins.kargo.discovery.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.ImageSelectionStrategy;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * SemVer discovery against the local registry, side by side with {@code skopeo list-tags} (a benchmark, not a test:
 * run it with {@code ci/bench-discovery.sh}). It fills the registry once (the registry keeps what it was given, so a
 * second run skips that) with one repository of 10,000 tags and 100 repositories of 200 tags, every tag its own
 * image, then measures for each workload:
 * <ul>
 *   <li>the engine's tag listing alone (what skopeo does),</li>
 *   <li>the engine's SemVer discovery with an empty image cache ("cold": listing plus the images inspected up to the
 *       discovery limit), and again with the cache filled ("warm": listing plus one {@code HEAD} per image),</li>
 *   <li>{@code skopeo list-tags}, one process per repository; its requests are counted from its debug log in a
 *       separate run.</li>
 * </ul>
 * Arguments: {@code [requests-per-second|default]} for the engine's per-registry rate limit (default: the engine's
 * own, Kargo's 20/s), and {@code [repeats]} (default 3; the median is reported).
 */
public final class DiscoveryBenchmark {

    private static final String BIG = "bench/big-10000";
    private static final int BIG_TAGS = 10_000;
    private static final int SMALL_REPOSITORIES = 100;
    private static final int SMALL_TAGS = 200;
    private static final SourceLocation HERE = new SourceLocation("DiscoveryBenchmark", 0, "image");
    private static final java.util.regex.Pattern SKOPEO_REQUEST = java.util.regex.Pattern.compile(
            "level=debug msg=\"(GET|HEAD) https?://");

    private final String registry = TestServices.registry();
    /** null for the engine's default. */
    private final Integer requestsPerSecond;
    private final int repeats;

    private DiscoveryBenchmark(Integer requestsPerSecond, int repeats) {
        this.requestsPerSecond = requestsPerSecond;
        this.repeats = repeats;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("scale")) {
            DiscoveryScaleBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Integer rate = args.length > 0 && !args[0].equals("default") ? Integer.valueOf(args[0]) : null;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        new DiscoveryBenchmark(rate, repeats).run();
    }

    private void run() throws Exception {
        System.out.printf("registry %s; engine rate limit %s requests/s per registry; discoveryLimit %d;"
                + " median of %d runs%n", registry, requestsPerSecond == null ? "default (20)" : requestsPerSecond,
                ImageSubscription.DEFAULT_DISCOVERY_LIMIT, repeats);
        fill(BIG, semverTags(BIG_TAGS));
        List<String> small = IntStream.range(0, SMALL_REPOSITORIES).mapToObj(i -> String.format("bench/svc-%03d", i))
                .toList();
        for (String repository : small) {
            fill(repository, semverTags(SMALL_TAGS));
        }

        parseAndOrder(semverTags(BIG_TAGS));
        List<Row> rows = new ArrayList<>();
        rows.addAll(measure("1 repository x 10,000 tags", List.of(BIG)));
        rows.addAll(measure("100 repositories x 200 tags", small));

        System.out.println();
        System.out.printf("%-28s %-42s %9s %11s %10s %11s %8s%n", "workload", "engine run", "requests", "wall ms",
                "skopeo req", "skopeo ms", "ratio");
        for (Row row : rows) {
            System.out.printf("%-28s %-42s %9d %11d %10d %11d %7.2fx%n", row.workload, row.run,
                    row.engine.requests(), row.engine.millis(), row.skopeoRequests, row.skopeoMillis,
                    (double) row.engine.millis() / row.skopeoMillis);
        }
        System.out.println("ratio = engine wall time / skopeo list-tags wall time for the same repositories");
        Row cold = rows.get(1);
        Row warm = rows.get(2);
        System.out.printf("target: SemVer discovery of 10,000 tags <= 1.5x skopeo warm: %.2fx %s; <= 3x cold: %.2fx %s"
                        + " (floor: %d requests cold, %d warm; the images Kargo reads)%n",
                (double) warm.engine.millis() / warm.skopeoMillis, warm.engine.millis() <= 1.5 * warm.skopeoMillis ? "met" : "not met",
                (double) cold.engine.millis() / cold.skopeoMillis, cold.engine.millis() <= 3.0 * cold.skopeoMillis ? "met" : "not met",
                cold.engine.requests(), warm.engine.requests());
    }

    /**
     * Parsing and ordering the tags as SemVer discovery does ({@code TagOrder.bySemver}, no pattern, no constraint),
     * after warming up; wall and the thread's CPU time, medians of 15.
     */
    static void parseAndOrder(List<String> tags) {
        List<String> shuffled = new ArrayList<>(tags);
        java.util.Collections.shuffle(shuffled, new java.util.Random(1));
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        io.jenkins.plugins.kargo.tags.TagFilter all = io.jenkins.plugins.kargo.tags.TagFilter.of(List.of(), List.of());
        io.jenkins.plugins.kargo.semver.SemverRange any = io.jenkins.plugins.kargo.semver.SemverRange.parse("");
        List<Long> walls = new ArrayList<>();
        List<Long> cpus = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long c = cpu.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            io.jenkins.plugins.kargo.tags.TagOrder.bySemver(shuffled, all, any, true);
            if (i >= 10) {
                walls.add(System.nanoTime() - w);
                cpus.add(cpu.getCurrentThreadCpuTime() - c);
            }
        }
        walls.sort(null);
        cpus.sort(null);
        double wall = walls.get(walls.size() / 2) / 1e6;
        double thread = cpus.get(cpus.size() / 2) / 1e6;
        System.out.printf("parse and order %,d tags (TagOrder.bySemver, after 10 warm-up passes, median of 15): %.1f ms wall,"
                + " %.1f ms CPU; target < 50 ms: %s%n", tags.size(), wall, thread, thread < 50 ? "met (CPU)" : "not met");
    }

    // ---------------------------------------------------------------- filling

    /**
     * Semver-like tags, {@code v<major>.<minor>.<patch>}, every tenth a {@code -rc.1} and every tenth (offset) a
     * {@code -beta.2} pre-release; all distinct.
     */
    static List<String> semverTags(int count) {
        int patches = 50;
        int minors = 40;
        return IntStream.range(0, count).mapToObj(i -> {
            String version = "v" + i / (patches * minors) + "." + (i / patches) % minors + "." + i % patches;
            return switch (i % 10) {
                case 3 -> version + "-rc.1";
                case 7 -> version + "-beta.2";
                default -> version;
            };
        }).toList();
    }

    /** Pushes one image per tag (build dates rising with the tag's index) unless the repository has them all. */
    private void fill(String repository, List<String> tags) throws Exception {
        if (existingTags(repository) >= tags.size()) {
            return;
        }
        OciImagePusher pusher = OciImagePusher.anonymous(registry);
        Instant first = Instant.parse("2024-01-01T00:00:00Z");
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> pushes = new ArrayList<>();
            for (int i = 0; i < tags.size(); i++) {
                String tag = tags.get(i);
                Instant created = first.plus(Duration.ofMinutes(i));
                pushes.add(pool.submit(() -> pusher.image(repository).tag(tag).created(created).push()));
            }
            for (Future<?> push : pushes) {
                push.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("filled %s with %d images in %d ms%n", repository, tags.size(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /** How many tags the registry holds for the repository (0 when it has none), by a bare listing. */
    private int existingTags(String repository) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/tags/list")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()).path("tags").size() : 0;
    }

    // ---------------------------------------------------------------- measuring

    private record Row(String workload, String run, Measurement engine, long skopeoRequests, long skopeoMillis) {
    }

    private record Engine(OciRegistryClient client, ImageSubscriber subscriber) {
    }

    private record Measurement(long requests, long millis) {
    }

    private record Discovery(Measurement cold, Measurement warm, String selected) {
    }

    private Engine engine(AtomicLong requests) {
        RegistryHttp.Builder http = RegistryHttp.builder().listener(exchange -> requests.incrementAndGet());
        if (requestsPerSecond != null) {
            http.requestsPerSecond(requestsPerSecond);
        }
        OciRegistryClient client = new OciRegistryClient(http.build());
        return new Engine(client, new ImageSubscriber(client, new ImageInspector(), CredentialsProvider.NONE,
                EventSink.NONE));
    }

    private ImageSubscription semver(String repository) {
        return new ImageSubscription(registry + "/" + repository, ImageSelectionStrategy.SemVer, "", false, List.of(),
                List.of(), "", ImageSubscription.DEFAULT_DISCOVERY_LIMIT, false, false, "", HERE);
    }

    private List<Row> measure(String workload, List<String> repositories) throws Exception {
        System.out.println("measuring " + workload + " ...");
        long skopeoRequests = skopeoRequests(repositories);
        Measurement skopeo = median(repeat(() -> new Measurement(0, skopeo(registry, repositories))));
        Measurement listing = median(repeat(() -> listTags(repositories)));
        List<Discovery> discoveries = repeat(() -> discoverTwice(repositories));
        Measurement cold = median(discoveries.stream().map(Discovery::cold).toList());
        Measurement warm = median(discoveries.stream().map(Discovery::warm).toList());
        String selects = " (selects " + discoveries.get(0).selected() + ")";
        return List.of(
                new Row(workload, "tag listing", listing, skopeoRequests, skopeo.millis()),
                new Row(workload, "SemVer discovery, cold" + selects, cold, skopeoRequests, skopeo.millis()),
                new Row(workload, "SemVer discovery, warm cache", warm, skopeoRequests, skopeo.millis()));
    }

    private Measurement listTags(List<String> repositories) throws DiscoveryException {
        AtomicLong requests = new AtomicLong();
        Engine engine = engine(requests);
        long start = System.nanoTime();
        for (String repository : repositories) {
            engine.client.repository(ImageRepository.parse(registry + "/" + repository), null, false).listTags();
        }
        return new Measurement(requests.get(), elapsedMillis(start));
    }

    /**
     * Discovers every repository with a new engine (empty image cache), then once more with the same engine.
     * {@code selected} is what the first repository's discovery put first.
     */
    private Discovery discoverTwice(List<String> repositories) throws DiscoveryException {
        AtomicLong requests = new AtomicLong();
        Engine engine = engine(requests);
        String selected = null;
        long start = System.nanoTime();
        for (String repository : repositories) {
            String first = engine.subscriber.discover(semver(repository)).get(0).tag();
            selected = selected == null ? first : selected;
        }
        Measurement cold = new Measurement(requests.getAndSet(0), elapsedMillis(start));
        start = System.nanoTime();
        for (String repository : repositories) {
            engine.subscriber.discover(semver(repository));
        }
        return new Discovery(cold, new Measurement(requests.get(), elapsedMillis(start)), selected);
    }

    private interface Run<T> {
        T once() throws Exception;
    }

    private <T> List<T> repeat(Run<T> run) throws Exception {
        List<T> results = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            results.add(run.once());
        }
        return results;
    }

    private static Measurement median(List<Measurement> runs) {
        return runs.stream().sorted(Comparator.comparingLong(Measurement::millis)).toList().get(runs.size() / 2);
    }

    private static long elapsedMillis(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /**
     * The requests skopeo makes for these repositories, counted from its {@code --debug} log (one line per request,
     * the failed HTTPS probe it makes before falling back to plain HTTP included).
     */
    private long skopeoRequests(List<String> repositories) throws IOException, InterruptedException {
        long requests = 0;
        for (String repository : repositories) {
            Process process = new ProcessBuilder("skopeo", "--debug", "list-tags", "--tls-verify=false",
                    "docker://" + registry + "/" + repository)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (var log = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream()))) {
                requests += log.lines().filter(line -> SKOPEO_REQUEST.matcher(line).find()).count();
            }
            if (process.waitFor() != 0) {
                throw new IllegalStateException("skopeo list-tags failed for " + repository);
            }
        }
        return requests;
    }

    /** Time of {@code skopeo list-tags}, one process per repository. */
    private static long skopeo(String registry, List<String> repositories) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (String repository : repositories) {
            Process process = new ProcessBuilder("skopeo", "list-tags", "--tls-verify=false",
                    "docker://" + registry + "/" + repository)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("skopeo list-tags failed for " + repository);
            }
        }
        return elapsedMillis(start);
    }
}
