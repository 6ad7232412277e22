package io.jenkins.plugins.kargo.discovery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.testkit.SelfSignedTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HTTPS server on loopback with a self-signed certificate issued to another name, as a private registry often
 * has: refused unless the subscription says {@code insecureSkipTLSVerify}, and never retried.
 */
class InsecureTlsTest {

    @TempDir
    Path dir;

    private HttpsServer server;
    private final List<RegistryHttp.Exchange> exchanges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        SSLContext tls = SelfSignedTls.serverContext(dir, "registry.invalid");

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/v2/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/v2/");
    }

    @Test
    void anUntrustedCertificateFailsOnceWithTheFix() {
        RegistryHttp http = RegistryHttp.builder().listener(exchanges::add).sleeper(delay -> { }).build();

        assertThatThrownBy(() -> http.send(RegistryRequest.get(uri())))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("GET " + uri() + ": TLS handshake failed")
                .hasMessageEndingWith("set insecureSkipTLSVerify");
        assertThat(exchanges).hasSize(1);
    }

    @Test
    void insecureSkipTlsVerifyAcceptsIt() throws Exception {
        RegistryHttp http = RegistryHttp.builder().listener(exchanges::add).build();

        RegistryResponse response = http.send(RegistryRequest.get(uri()).withInsecure(true));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{}");
    }
}
