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
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            load(browser, large.uri().toString(), stages); // warm-up: the browser's caches and the JIT of both sides
            load(browser, small.uri().toString(), 5);
            System.out.printf("%-6s %14s %14s %7s%n", "round", stages + "x" + freight + " ms", "5x6 ms", "ratio");
            for (int round = 1; round <= rounds; round++) {
                double scaledMs = load(browser, large.uri().toString(), stages);
                double seedMs = load(browser, small.uri().toString(), 5);
                a.add(scaledMs);
                b.add(seedMs);
                ratio.add(scaledMs / seedMs);
                System.out.printf("%-6d %14.1f %14.1f %7.2f%n", round, scaledMs, seedMs, scaledMs / seedMs);
            }
            System.out.printf("%-6s %14.1f %14.1f %7.2f%n", "median", median(a), median(b), median(ratio));
        }
    }

    /** Milliseconds from navigation start to the view's first complete render. */
    private static double load(Browser browser, String url, int stages) {
        browser.get("about:blank");
        browser.get(url);
        browser.awaitRender(0);
        int cards = browser.all(By.cssSelector("article.stage")).size();
        int rows = browser.all(By.cssSelector(".freight-table tbody tr")).size();
        if (cards != stages || rows == 0) {
            throw new IllegalStateException("rendered " + cards + " stage cards and " + rows + " rows at " + url);
        }
        return ((Number) browser.script("return performance.getEntriesByName('kargo-rendered')[0].startTime")).doubleValue();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
