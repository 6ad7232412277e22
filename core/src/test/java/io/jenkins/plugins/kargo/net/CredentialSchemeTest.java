package io.jenkins.plugins.kargo.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialSchemeTest {

    @Test
    void credentialsGoOverHttpsAnywhereAndOverPlainHttpToLoopbackOnly() {
        assertThat(CredentialScheme.permits(URI.create("https://example.com/v2/"))).isTrue();
        assertThat(CredentialScheme.permits(URI.create("ssh://git@example.com/app.git"))).isTrue();
        assertThat(CredentialScheme.permits(URI.create("http://127.0.0.1:5000/v2/"))).isTrue();
        assertThat(CredentialScheme.permits(URI.create("http://127.9.8.7/"))).isTrue();
        assertThat(CredentialScheme.permits(URI.create("http://[::1]:5000/v2/"))).isTrue();
        assertThat(CredentialScheme.permits(URI.create("HTTP://localhost/"))).isTrue();
        assertThat(CredentialScheme.permits(URI.create("http://registry.localhost/"))).isTrue();
        assertThat(CredentialScheme.permits(URI.create("http://example.com/v2/"))).isFalse();
        assertThat(CredentialScheme.permits(URI.create("HTTP://example.com/"))).isFalse();
        assertThat(CredentialScheme.permits(URI.create("http://10.0.0.8:8080/"))).isFalse();
        assertThat(CredentialScheme.permits(URI.create("http://128.0.0.1/"))).isFalse();
        assertThat(CredentialScheme.permits(URI.create("http://localhost.example.com/"))).as("a name is never resolved")
                .isFalse();
    }

    @Test
    void theRefusalNamesTheRequestTheHostAndTheFix() {
        assertThat(CredentialScheme.refusal("git-clone: repository http://git.example.com/app.git",
                URI.create("http://git.example.com/app.git")))
                .contains("git-clone: repository http://git.example.com/app.git: refusing to send credentials over "
                        + "plain HTTP to git.example.com, which is not on loopback; use https://");
        assertThat(CredentialScheme.refusal("anything", URI.create("https://git.example.com/app.git"))).isEmpty();
        assertThat(CredentialScheme.refusal("anything", "http", "127.0.0.1")).isEmpty();
    }

    @Test
    void aRequestCarriesCredentialsInUserInfoOrInAHeaderOrParameterNamedForThem() {
        URI plain = URI.create("http://example.com/hook?channel=ops");
        assertThat(CredentialScheme.carriesCredentials(plain, List.of("Content-Type", "Accept", "X-Request-Id")))
                .isFalse();
        for (String header : List.of("Authorization", "proxy-authorization", "Cookie", "X-Api-Key", "PRIVATE-TOKEN",
                "X-Auth-Secret", "X-Session-Id", "X-Amz-Signature", "X-Password")) {
            assertThat(CredentialScheme.carriesCredentials(plain, List.of("Accept", header))).as(header).isTrue();
        }
        assertThat(CredentialScheme.carriesCredentials(URI.create("http://u:p@example.com/"), List.of())).isTrue();
        assertThat(CredentialScheme.carriesCredentials(URI.create("http://example.com/?access_token=x"), List.of()))
                .isTrue();
        assertThat(CredentialScheme.carriesCredentials(URI.create("http://example.com/?q=1&apikey=x"), List.of()))
                .isTrue();
    }
}
