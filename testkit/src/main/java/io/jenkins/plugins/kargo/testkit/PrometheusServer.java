package io.jenkins.plugins.kargo.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus}) on a free loopback port, serving data that {@code promtool tsdb
 * create-blocks-from openmetrics} built from the OpenMetrics text given; nothing is scraped.
 */
public final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final String address;

    private PrometheusServer(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Builds the TSDB in {@code dir} from {@code openMetrics} and starts Prometheus over it, ready to answer. */
    public static PrometheusServer start(Path dir, String openMetrics) throws IOException, InterruptedException {
        Path metrics = Files.writeString(dir.resolve("metrics.om.txt"), openMetrics);
        Path data = dir.resolve("data");
        run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", metrics.toString(), data.toString()));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "scrape_configs: []\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port);
        server.awaitReady(log);
        return server;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String address() {
        return address;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed:\n" + output);
        }
    }

    /** Polls {@code /-/ready} a bounded number of times; each wait ends early if Prometheus exits. */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(address + "/-/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // retried below
            }
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        close();
        throw new IllegalStateException("Prometheus did not become ready:\n" + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
