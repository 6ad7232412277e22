package io.jenkins.plugins.kargo.discovery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
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

    private static final char[] STORE_PASSWORD = "test-only".toCharArray();

    @TempDir
    Path dir;

    private HttpsServer server;
    private final List<RegistryHttp.Exchange> exchanges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=registry.invalid", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(STORE_PASSWORD)).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

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
