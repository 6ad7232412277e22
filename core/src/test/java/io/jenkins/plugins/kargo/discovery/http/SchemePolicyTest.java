package io.jenkins.plugins.kargo.discovery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SchemePolicyTest {

    @Test
    void loopbackHostsUsePlainHttpLikeDocker() {
        assertThat(SchemePolicy.baseUri("localhost:5000/team/app", false)).isEqualTo(URI.create("http://localhost:5000"));
        assertThat(SchemePolicy.baseUri("127.0.0.1:5000/app", false)).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(SchemePolicy.baseUri("127.42.0.7/app", false)).isEqualTo(URI.create("http://127.42.0.7"));
        assertThat(SchemePolicy.baseUri("[::1]:5000/app", false)).isEqualTo(URI.create("http://[::1]:5000"));
        assertThat(SchemePolicy.baseUri("oci://localhost:5000/charts/app", false)).isEqualTo(URI.create("http://localhost:5000"));
    }

    @Test
    void everyOtherHostUsesHttpsUnlessInsecure() {
        assertThat(SchemePolicy.baseUri("harbor.example.com/services/user", false))
                .isEqualTo(URI.create("https://harbor.example.com"));
        assertThat(SchemePolicy.baseUri("10.0.0.8:5000/app", false)).isEqualTo(URI.create("https://10.0.0.8:5000"));
        assertThat(SchemePolicy.baseUri("128.0.0.1/app", false)).isEqualTo(URI.create("https://128.0.0.1"));
        assertThat(SchemePolicy.baseUri("localhost.example.com/app", false)).isEqualTo(URI.create("https://localhost.example.com"));
        assertThat(SchemePolicy.baseUri("registry.internal:5000/app", true)).isEqualTo(URI.create("http://registry.internal:5000"));
        assertThat(SchemePolicy.baseUri("https://registry.internal/app", true)).isEqualTo(URI.create("https://registry.internal"));
    }

    @Test
    void explicitPlainHttpToARemoteHostIsRefusedWithTheFix() {
        assertThatThrownBy(() -> SchemePolicy.baseUri("http://charts.example.com/stable", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("charts.example.com")
                .hasMessageContaining("use https:// or set insecureSkipTLSVerify");
        assertThat(SchemePolicy.baseUri("http://charts.example.com/stable", true)).isEqualTo(URI.create("http://charts.example.com"));
        assertThat(SchemePolicy.baseUri("http://127.0.0.1:4873/", false)).isEqualTo(URI.create("http://127.0.0.1:4873"));
    }

    @Test
    void aReferenceWithoutHostIsRejected() {
        assertThatThrownBy(() -> SchemePolicy.baseUri("/app", false)).hasMessageContaining("names no registry host");
    }
}
