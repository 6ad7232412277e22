package io.jenkins.plugins.kargo.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small HTTP app per stage, standing for the service the stage deploys, for the smoke checks: {@code /health}
 * answers 200 with the versions the stage's overlay in the GitOps repository names now (what Argo CD would have
 * deployed), read from the repository's {@code main} at each request.
 */
final class StageApps implements AutoCloseable {

    private final List<HttpServer> servers;
    private final Map<String, String> urls;

    private StageApps(List<HttpServer> servers, Map<String, String> urls) {
        this.servers = servers;
        this.urls = urls;
    }

    static StageApps start(BareGitRepository gitops, List<String> stages) throws IOException {
        Map<String, String> urls = new LinkedHashMap<>();
        List<HttpServer> servers = new java.util.ArrayList<>();
        for (String stage : stages) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/health", exchange -> {
                String deployed = tags(gitops, stage);
                byte[] body = ("{\"stage\":\"" + stage + "\",\"status\":\"ok\",\"deployed\":\"" + deployed + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            servers.add(server);
            urls.put(stage, "http://127.0.0.1:" + server.getAddress().getPort());
        }
        return new StageApps(servers, urls);
    }

    private static String tags(BareGitRepository gitops, String stage) {
        try {
            return String.join(" ", gitops.read("main", "overlays/" + stage + "/kustomization.yaml").lines()
                    .map(String::strip).filter(l -> l.startsWith("newTag:")).map(l -> l.substring(7).strip()).toList());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** The app's address per stage, {@code http://127.0.0.1:PORT}. */
    Map<String, String> urls() {
        return urls;
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
