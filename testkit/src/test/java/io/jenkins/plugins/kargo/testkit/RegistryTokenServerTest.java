package io.jenkins.plugins.kargo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The token registry started by ci/services.sh, with the token server of this module in front of it. */
class RegistryTokenServerTest {

    private static final String SERVICE = "kargo-test-token-registry";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String repo = "testkit/token-" + UUID.randomUUID().toString().substring(0, 8);

    private HttpResponse<String> token(String authorization, String scope) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServices.tokenServer() + "?service=" + SERVICE
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String userAuthorization() {
        return RegistryReader.basic(TestServices.tokenRegistryUser(), TestServices.tokenRegistryPassword());
    }

    @Test
    void theRegistryChallengesWithTheTokenServerAsRealm() throws Exception {
        HttpResponse<byte[]> response = new RegistryReader(TestServices.tokenRegistry()).get("/v2/" + repo + "/tags/list");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .startsWith("Bearer ")
                .contains("realm=\"" + TestServices.tokenServer() + "\"", "service=\"" + SERVICE + "\"",
                        "scope=\"repository:" + repo + ":pull\""));
    }

    @Test
    void issuesASignedJwtWithTheClaimsTheRegistryChecks() throws Exception {
        HttpResponse<String> response = token(userAuthorization(), "repository:" + repo + ":pull,push");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("access_token").asText()).isEqualTo(body.get("token").asText());
        assertThat(body.get("expires_in").asLong()).isEqualTo(RegistryTokenServer.TOKEN_LIFETIME.toSeconds());

        SignedJWT jwt = SignedJWT.parse(body.get("token").asText());
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(jwt.getHeader().getX509CertChain().get(0).decode()));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) certificate.getPublicKey()))).isTrue();
        JsonNode claims = json.readTree(jwt.getPayload().toString());
        assertThat(claims.get("iss").asText()).isEqualTo("kargo-test-token-issuer");
        assertThat(claims.get("sub").asText()).isEqualTo(TestServices.tokenRegistryUser());
        assertThat(claims.get("aud").isTextual()).as("docker-registry 2.8 reads aud as a string").isTrue();
        assertThat(claims.get("aud").asText()).isEqualTo(SERVICE);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        assertThat(claims.get("nbf").asLong()).isEqualTo(claims.get("iat").asLong());
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(json.convertValue(claims.get("access"), List.class)).containsExactly(
                Map.of("type", "repository", "name", repo, "actions", List.of("pull", "push")));
    }

    @Test
    void refusesWrongCredentials() throws Exception {
        HttpResponse<String> response = token(RegistryReader.basic(TestServices.tokenRegistryUser(), "wrong"),
                "repository:" + repo + ":pull");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("wrong");
    }

    @Test
    void theRegistryAcceptsTheUsersTokenAndRefusesAnAnonymousOne() throws Exception {
        PushedImage pushed = OciImagePusher.withCredentials(TestServices.tokenRegistry(),
                TestServices.tokenRegistryUser(), TestServices.tokenRegistryPassword()).image(repo).tag("v1.0.0").push();
        String path = "/v2/" + repo + "/manifests/v1.0.0";

        String userToken = json.readTree(token(userAuthorization(), "repository:" + repo + ":pull").body())
                .get("token").asText();
        HttpResponse<byte[]> withToken = new RegistryReader(TestServices.tokenRegistry(), "Bearer " + userToken).get(path);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.headers().firstValue("Docker-Content-Digest")).contains(pushed.digest());

        String anonymousToken = json.readTree(token(null, "repository:" + repo + ":pull").body()).get("token").asText();
        HttpResponse<byte[]> anonymous = new RegistryReader(TestServices.tokenRegistry(), "Bearer " + anonymousToken)
                .get(path);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("error=\"insufficient_scope\""));
        assertThat(new RegistryReader(TestServices.tokenRegistry()).get(path).statusCode()).isEqualTo(401);
    }
}
