package io.jenkins.plugins.kargo.discovery.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.credentials.Credentials;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

    @Test
    void basicAndBearerHeadersNeverShowTheSecret() {
        Authorization basic = Authorization.of(new Credentials.UsernamePassword("ci", "s3cr3t"));
        Authorization bearer = Authorization.of(new Credentials.Token("tok-123"));
        assertThat(basic.headerValue()).isEqualTo("Basic Y2k6czNjcjN0");
        assertThat(bearer.headerValue()).isEqualTo("Bearer tok-123");
        assertThat(basic.toString()).doesNotContain("s3cr3t").doesNotContain("Y2k6czNjcjN0");
        assertThat(RegistryRequest.get(URI.create("https://h/v2/")).withAuthorization(bearer).toString())
                .doesNotContain("tok-123");
    }
}
