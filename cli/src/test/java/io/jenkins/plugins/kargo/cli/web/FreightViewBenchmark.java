package io.jenkins.plugins.kargo.cli.web;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.view.ViewJson;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import io.jenkins.plugins.kargo.ui.api.FreightViewRoutes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.openqa.selenium.By;

/**
 * How fast the Freight view is over a real engine (not a test; docs/performance.md, ci/bench-view.sh): a project of
 * {@code STAGES} stages in a line with {@code FREIGHT} Freight, beside a project of 5 stages and 6 Freight as the
 * baseline, each applied to a state directory of its own and served by its own {@code kargo serve} web server
 * ({@link FreightViewRoutes} over {@link Kargo}), measured in turn, round after round:
 * <ul>
 * <li>the JSON: milliseconds for {@code GET /api/projects/shop/freight} (the timeline's first page of 50, each card
 *     with its availability in every stage) and {@code GET /api/projects/shop/pipeline}, over loopback HTTP, as the
 *     page asks for them;</li>
 * <li>the page: in headless Chromium, from navigation start to the view's first complete render (the
 *     {@code kargo-rendered} performance mark: every stage card, the edges and the first page of the timeline in the
 *     DOM, buttons live), and the CPU all of the browser's processes used over that load ({@link Browser#cpuMillis}),
 *     which unlike wall time does not grow while a loaded machine makes the browser wait for a core.</li>
 * </ul>
 *
 * <pre>FreightViewBenchmark [ROUNDS] [STAGES] [FREIGHT]</pre>
 */
public final class FreightViewBenchmark {

    private static final String PROJECT = "shop";
    private static final String IMAGE = "registry.local/app";

    private FreightViewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int stages = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int freight = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path dir = Files.createTempDirectory("kargo-view-bench-");
        Tokens.Generated tokens = Tokens.generate("bench");
        HttpClient http = HttpClient.newHttpClient();
        try (Kargo large = project(dir.resolve("large"), stages, freight);
             Kargo small = project(dir.resolve("small"), 5, 6);
             WebServer largeWeb = serve(large, tokens);
             WebServer smallWeb = serve(small, tokens);
             Browser browser = Browser.open(1400, 1000)) {
            String scaled = stages + "x" + freight;
            // warm-up: the JIT of the server, the browser's caches
            for (int i = 0; i < 3; i++) {
                json(http, largeWeb);
                json(http, smallWeb);
            }
            load(browser, largeWeb, stages);
            load(browser, smallWeb, 5);
            System.out.printf("%-6s %14s %12s %14s %12s %14s %12s %14s %12s%n", "round",
                    scaled + " freight", "5x6 freight", scaled + " pipeline", "5x6 pipeline",
                    scaled + " wall", "5x6 wall", scaled + " cpu", "5x6 cpu");
            List<double[]> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double[] a = json(http, largeWeb);
                double[] b = json(http, smallWeb);
                double[] c = load(browser, largeWeb, stages);
                double[] d = load(browser, smallWeb, 5);
                double[] row = {a[0], b[0], a[1], b[1], c[0], d[0], c[1], d[1]};
                results.add(row);
                System.out.printf("%-6d %14.1f %12.1f %14.1f %12.1f %14.1f %12.1f %14.1f %12.1f%n", round, row[0],
                        row[1], row[2], row[3], row[4], row[5], row[6], row[7]);
            }
            System.out.println();
            String[] names = {"timeline JSON (GET .../freight, ms)", "pipeline JSON (GET .../pipeline, ms)",
                    "page to usable (wall ms)", "browser CPU for the load (ms)"};
            System.out.printf("%-38s %12s %12s %18s%n", "median of " + rounds, scaled, "5x6 (base)", "pairwise ratio");
            for (int m = 0; m < names.length; m++) {
                int i = 2 * m;
                System.out.printf("%-38s %12.1f %12.1f %18.2f%n", names[m], median(results, r -> r[i]),
                        median(results, r -> r[i + 1]), median(results, r -> r[i] / r[i + 1]));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A project of {@code stages} stages in a line from one image warehouse, with {@code freight} Freight stored. */
    private static Kargo project(Path dir, int stages, int freight) throws Exception {
        Path config = Files.createDirectories(dir.resolve("kargo"));
        StringBuilder yaml = new StringBuilder(ShopProject.header(IMAGE, ""));
        for (int s = 0; s < stages; s++) {
            yaml.append(stage("stage-" + s, s == 0 ? "direct: true" : "stages: [stage-" + (s - 1) + "]"));
        }
        Files.writeString(config.resolve("shop.yaml"), yaml);
        Path state = dir.resolve("state");
        Kargo kargo = Kargo.builder(state).build();
        kargo.commands().apply(ConfigInput.path(config), "bench");
        try (KargoStore store = KargoStore.open(state)) { // as discovery would store them
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < freight; i++) {
                String tag = "1." + i / 100 + "." + i % 100 + (i % 3 == 0 ? "-alpha.1" : i % 3 == 1 ? "-beta.1" : "");
                store.freight().create(PROJECT, new Freight("", "freight-" + i, FreightOrigin.warehouse("images"),
                        start.plusSeconds(60L * i), List.of(new FreightImage(IMAGE, tag,
                        "sha256:%064x".formatted(i), Map.of(), "")), List.of(), List.of(), List.of()));
            }
        }
        return kargo;
    }

    private static String stage(String name, String sources) {
        return """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata: {name: %s, namespace: shop}
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      sources: {%s}
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: http
                          config: {url: "http://127.0.0.1:9/never-called"}
                """.formatted(name, sources);
    }

    private static WebServer serve(Kargo kargo, Tokens.Generated tokens) throws IOException {
        return WebServer.start(InetAddress.getLoopbackAddress(), 0, FreightViewRoutes.router(kargo, () -> { }),
                tokens.tokens(), List.of(), ViewJson.mapper(), null);
    }

    /** Milliseconds for the timeline's first page and for the pipeline, as the page asks for them. */
    private static double[] json(HttpClient http, WebServer web) throws IOException, InterruptedException {
        return new double[] {get(http, web, "api/projects/shop/freight?offset=0&limit=50"),
                get(http, web, "api/projects/shop/pipeline")};
    }

    private static double get(HttpClient http, WebServer web, String path) throws IOException, InterruptedException {
        URI uri = web.uri().resolve(path);
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200 || response.body().length == 0) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return millis;
    }

    /** Milliseconds from navigation start to the view's first complete render, and of the browser's CPU meanwhile. */
    private static double[] load(Browser browser, WebServer web, int stages) {
        long cpuBefore = browser.cpuMillis();
        browser.get(web.uri().toString());
        browser.awaitRender(0);
        int cards = browser.all(By.cssSelector("article.stage")).size();
        int rows = browser.all(By.cssSelector(".freight-table tbody tr")).size();
        if (cards != stages || rows == 0) {
            throw new IllegalStateException("rendered " + cards + " stage cards and " + rows + " rows at " + web.uri());
        }
        long cpu = browser.cpuMillis() - cpuBefore;
        double wall = ((Number) browser.script("return performance.getEntriesByName('kargo-rendered')[0].startTime"))
                .doubleValue();
        return new double[] {wall, cpu};
    }

    private static double median(List<double[]> rows, ToDoubleFunction<double[]> column) {
        double[] sorted = rows.stream().mapToDouble(column).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
