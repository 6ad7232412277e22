package io.jenkins.plugins.kargo.discovery.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void readsABearerChallengeAsRegistriesSendIt() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/nginx:pull\"");
        assertThat(challenges).hasSize(1);
        AuthChallenge bearer = challenges.get(0);
        assertThat(bearer.scheme()).isEqualTo("bearer");
        assertThat(bearer.param("realm")).contains("https://auth.docker.io/token");
        assertThat(bearer.param("Service")).contains("registry.docker.io");
        assertThat(bearer.param("scope")).contains("repository:library/nginx:pull");
    }

    @Test
    void readsSeveralChallengesAndQuotedEscapes() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "Basic realm=\"Registry \\\"Realm\\\"\", Bearer realm=\"https://h/token\", error=invalid_token");
        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
        assertThat(challenges.get(0).param("realm")).contains("Registry \"Realm\"");
        assertThat(challenges.get(1).param("error")).contains("invalid_token");
    }
}
