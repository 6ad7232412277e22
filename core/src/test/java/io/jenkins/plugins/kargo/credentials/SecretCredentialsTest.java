package io.jenkins.plugins.kargo.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCredentialsTest {

    @TempDir
    Path dir;

    private SecretCredentials read(String yaml) throws IOException {
        Path file = dir.resolve("credentials.yaml");
        Files.writeString(file, yaml);
        return SecretCredentials.read(file);
    }

    @Test
    void matchesImageRepositoriesAfterNormalisation() throws IOException {
        SecretCredentials creds = read("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: harbor
                  labels: {kargo.akuity.io/cred-type: image}
                stringData:
                  repoURL: Harbor.YourDomain.com/services/user-service
                  username: robot$ci
                  password: s3cret
                """);
        assertThat(creds.find("harbor.yourdomain.com/services/user-service", CredentialKind.image))
                .contains(new Credentials.UsernamePassword("robot$ci", "s3cret"));
        assertThat(creds.find("harbor.yourdomain.com/services/other", CredentialKind.image)).isEmpty();
        assertThat(creds.find("harbor.yourdomain.com/services/user-service", CredentialKind.helm)).isEmpty();
    }

    @Test
    void regexSecretsAndFirstByNameWins() throws IOException {
        SecretCredentials creds = read("""
                kind: Secret
                metadata: {name: b-all-harbor, labels: {kargo.akuity.io/cred-type: image}}
                stringData: {repoURL: '^harbor\\.yourdomain\\.com/', repoURLIsRegex: 'true', username: b, password: pb}
                ---
                kind: Secret
                metadata: {name: a-services, labels: {kargo.akuity.io/cred-type: image}}
                stringData: {repoURL: '^harbor\\.yourdomain\\.com/services/', repoURLIsRegex: 'true', username: a, password: pa}
                """);
        assertThat(creds.find("harbor.yourdomain.com/services/user-service", CredentialKind.image))
                .contains(new Credentials.UsernamePassword("a", "pa"));
        assertThat(creds.find("harbor.yourdomain.com/testing/integration-tests", CredentialKind.image))
                .contains(new Credentials.UsernamePassword("b", "pb"));
    }

    @Test
    void secretsAFaceHoldsMatchAsKargosSecretsDo() {
        SecretCredentials creds = SecretCredentials.of(java.util.List.of(
                new SecretCredentials.Secret("b-all", CredentialKind.image, "^harbor\\.yourdomain\\.com/", true,
                        new Credentials.UsernamePassword("b", "pb")),
                new SecretCredentials.Secret("a-git", CredentialKind.git, "https://GitHub.com/yourorg/gitops-config",
                        false, new Credentials.Token("t"))));
        assertThat(creds.find("harbor.yourdomain.com/services/user-service", CredentialKind.image))
                .contains(new Credentials.UsernamePassword("b", "pb"));
        assertThat(creds.find("https://github.com/yourorg/gitops-config.git", CredentialKind.git))
                .contains(new Credentials.Token("t"));
        assertThat(creds.find("https://github.com/yourorg/other.git", CredentialKind.git)).isEmpty();
        assertThatThrownBy(() -> SecretCredentials.of(java.util.List.of(new SecretCredentials.Secret("bad",
                CredentialKind.npm, "(", true, new Credentials.Token("t")))))
                .hasMessageContaining("bad: repoURL is not a valid regular expression");
        assertThat(new SecretCredentials.Secret("x", CredentialKind.npm, "u", false, new Credentials.Token("canary"))
                .toString()).doesNotContain("canary");
    }

    @Test
    void npmTokensFromBase64Data() throws IOException {
        SecretCredentials creds = read("""
                kind: Secret
                metadata: {name: verdaccio, labels: {kargo.akuity.io/cred-type: npm}}
                data: {repoURL: aHR0cHM6Ly92ZXJkYWNjaW8ueW91cmRvbWFpbi5jb20=, token: bnBtX3NlY3JldA==}
                """);
        assertThat(creds.find("https://verdaccio.yourdomain.com/", CredentialKind.npm))
                .contains(new Credentials.Token("npm_secret"));
    }

    @Test
    void gitSshPrivateKeys() throws IOException {
        SecretCredentials creds = read("""
                kind: Secret
                metadata: {name: gitops, labels: {kargo.akuity.io/cred-type: git}}
                stringData:
                  repoURL: ssh://git@github.com/example/gitops.git
                  sshPrivateKey: |
                    -----BEGIN OPENSSH PRIVATE KEY-----
                    b3BlbnNzaC1rZXktdjE=
                    -----END OPENSSH PRIVATE KEY-----
                """);
        Credentials key = creds.find("ssh://git@github.com/example/gitops", CredentialKind.git).orElseThrow();
        assertThat(key).isInstanceOf(Credentials.SshKey.class);
        assertThat(((Credentials.SshKey) key).privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl");
        assertThat(key.toString()).doesNotContain("b3Bl").doesNotContain("PRIVATE");
    }

    @Test
    void malformedSecretsAreNamedWithoutShowingValues() {
        assertThatThrownBy(() -> read("""
                kind: Secret
                metadata: {name: broken, labels: {kargo.akuity.io/cred-type: image}}
                stringData: {repoURL: ghcr.io/x, password: hunter2}
                """)).hasMessageContaining("Secret broken").hasMessageContaining("username and password")
                .hasMessageNotContaining("hunter2");
        assertThat(new Credentials.UsernamePassword("u", "hunter2").toString()).doesNotContain("hunter2");
        assertThat(new Credentials.Token("hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void aFileThatIsNotYamlNamesItsLineWithoutTheParsersText() {
        assertThatThrownBy(() -> read("""
                kind: Secret
                metadata: {name: x
                stringData: {password: "hunter2
                """)).isInstanceOf(IllegalArgumentException.class)
                .message().startsWith(dir.resolve("credentials.yaml") + ":").contains(": not YAML (column ")
                .doesNotContain("hunter2", "snakeyaml", "Exception", "org.");
    }

    @Test
    void dataThatIsNotBase64IsNamedWithoutItsCharacters() {
        assertThatThrownBy(() -> read("""
                kind: Secret
                metadata: {name: broken, labels: {kargo.akuity.io/cred-type: image}}
                stringData: {repoURL: ghcr.io/x, username: u}
                data: {password: "hunter2!"}
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("credentials.yaml") + ": Secret broken: data.password is not base64; encode it"
                        + " with base64 -w0, or write it in plain text under stringData.password");
    }
}
