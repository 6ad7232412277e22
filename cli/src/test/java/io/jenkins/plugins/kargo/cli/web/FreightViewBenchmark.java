package io.jenkins.plugins.kargo.cli.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;

/**
 * How long the Freight view takes to a usable page in headless Chromium (not a test; docs/performance.md): from
 * navigation start to the view's first complete render (the {@code kargo-rendered} performance mark: the pipeline's
 * cards, the edges and the first page of the timeline in the DOM, its buttons live), for a pipeline of
 * {@code STAGES} stages and {@code FREIGHT} Freight, beside the seed's 5 stages and 6 Freight as the baseline, in turn.
 * Besides that wall time, which on a shared machine is mostly waiting for a core, the CPU time all of the browser's
 * processes used over the same load ({@link Browser#cpuMillis}, before and after), which is the work the page costs.
 * The records come from {@link SampleViews} through the real web server, so what is measured is the browser's
 * side: fetching, parsing and rendering the JSON.
 *
 * <pre>FreightViewBenchmark [ROUNDS] [STAGES] [FREIGHT]</pre>
 */
public final class FreightViewBenchmark {

    private FreightViewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int stages = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int freight = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Tokens.Generated tokens = Tokens.generate("bench");
        ObjectMapper json = new ObjectMapper();
        try (WebServer large = WebServer.start(InetAddress.getLoopbackAddress(), 0, SampleViews.scaled(stages, freight).router(),
                     tokens.tokens(), List.of(), json, null);
             WebServer small = WebServer.start(InetAddress.getLoopbackAddress(), 0, SampleViews.seed("light").router(),
                     tokens.tokens(), List.of(), json, null);
             Browser browser = Browser.open(1400, 1000)) {
            String scaled = stages + "x" + freight;
            List<double[]> results = new ArrayList<>();
            load(browser, large.uri().toString(), stages); // warm-up: the browser's caches and the JIT of both sides
            load(browser, small.uri().toString(), 5);
            System.out.printf("%-6s %16s %14s %7s %16s %14s %7s%n", "round", scaled + " wall ms", "5x6 wall ms", "ratio",
                    scaled + " cpu ms", "5x6 cpu ms", "ratio");
            for (int round = 1; round <= rounds; round++) {
                double[] a = load(browser, large.uri().toString(), stages);
                double[] b = load(browser, small.uri().toString(), 5);
                double[] row = {a[0], b[0], a[0] / b[0], a[1], b[1], a[1] / b[1]};
                results.add(row);
                System.out.printf("%-6d %16.1f %14.1f %7.2f %16.1f %14.1f %7.2f%n", round, row[0], row[1], row[2], row[3],
                        row[4], row[5]);
            }
            System.out.printf("%-6s", "median");
            for (int column = 0; column < 6; column++) {
                int c = column;
                System.out.printf(column == 2 || column == 5 ? " %7.2f" : column == 0 || column == 3 ? " %16.1f" : " %14.1f",
                        median(results.stream().map(r -> r[c]).toList()));
            }
            System.out.println();
        }
    }

    /** Milliseconds from navigation start to the view's first complete render, and of the browser's CPU meanwhile. */
    private static double[] load(Browser browser, String url, int stages) {
        long cpuBefore = browser.cpuMillis();
        browser.get(url);
        browser.awaitRender(0);
        int cards = browser.all(By.cssSelector("article.stage")).size();
        int rows = browser.all(By.cssSelector(".freight-table tbody tr")).size();
        if (cards != stages || rows == 0) {
            throw new IllegalStateException("rendered " + cards + " stage cards and " + rows + " rows at " + url);
        }
        long cpu = browser.cpuMillis() - cpuBefore;
        double wall = ((Number) browser.script("return performance.getEntriesByName('kargo-rendered')[0].startTime")).doubleValue();
        return new double[] {wall, cpu};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
