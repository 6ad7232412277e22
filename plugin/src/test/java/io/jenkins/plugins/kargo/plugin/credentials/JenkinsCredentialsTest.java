package io.jenkins.plugins.kargo.plugin.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.plugin.engine.BuildLog;
import io.jenkins.plugins.kargo.plugin.testing.RecordingListener;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;

/**
 * Jenkins credentials onto the engine's port: each binding's credential looked up by ID (as the build), mapped by
 * type, matched by URL as Kargo matches Secrets; and a canary secret never reaches the log.
 */
class JenkinsCredentialsTest {

    private static final String CANARY = "canary-3f9a1c77";

    private abstract static class Base implements StandardCredentials {
        private final String id;

        Base(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            throw new UnsupportedOperationException();
        }
    }

    private static final class UserPassword extends Base implements StandardUsernamePasswordCredentials {
        UserPassword(String id) {
            super(id);
        }

        @Override
        public String getUsername() {
            return "robot$ci";
        }

        @Override
        public Secret getPassword() {
            return Secret.fromString(CANARY);
        }
    }

    private static final class Text extends Base implements StringCredentials {
        Text(String id) {
            super(id);
        }

        @Override
        public Secret getSecret() {
            return Secret.fromString("npm-token-" + CANARY);
        }
    }

    private static final class Key extends Base implements SSHUserPrivateKey {
        private final String passphrase;

        Key(String id, String passphrase) {
            super(id);
            this.passphrase = passphrase;
        }

        @Override
        public String getUsername() {
            return "git";
        }

        @Override
        public Secret getPassphrase() {
            return passphrase == null ? null : Secret.fromString(passphrase);
        }

        @Override
        public List<String> getPrivateKeys() {
            return List.of("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA" + CANARY
                    + "\n-----END OPENSSH PRIVATE KEY-----\n");
        }
    }

    private static final Map<String, StandardCredentials> STORE = Map.of(
            "harbor", new UserPassword("harbor"), "npm", new Text("npm"), "gitops-ssh", new Key("gitops-ssh", null),
            "locked-key", new Key("locked-key", "pass"));

    private static CredentialBinding binding(String kind, String url, String id) {
        return new CredentialBinding(kind, url, id);
    }

    @Test
    void bindingsMapEachTypeOntoTheEnginesCredentials() {
        CredentialBinding regex = binding("image", "^harbor\\.yourdomain\\.com/", "harbor");
        regex.setRepoURLIsRegex(true);
        JenkinsCredentials.Resolved resolved = JenkinsCredentials.resolve(List.of(regex,
                binding("npm", "https://verdaccio.yourdomain.com", "npm"),
                binding("git", "git@github.com:yourorg/gitops-config.git", "gitops-ssh")), STORE::get);

        assertThat(resolved.problems()).isEmpty();
        assertThat(resolved.provider().find("harbor.yourdomain.com/services/user-service", CredentialKind.image))
                .contains(new Credentials.UsernamePassword("robot$ci", CANARY));
        assertThat(resolved.provider().find("https://verdaccio.yourdomain.com/", CredentialKind.npm))
                .contains(new Credentials.Token("npm-token-" + CANARY));
        assertThat(resolved.provider().find("git@github.com:yourorg/gitops-config.git", CredentialKind.git))
                .get().isInstanceOf(Credentials.SshKey.class);
        assertThat(resolved.provider().find("harbor.yourdomain.com/services/user-service", CredentialKind.git))
                .as("another kind matches nothing").isEmpty();
    }

    @Test
    void unusableBindingsAreReportedAndSkipped() {
        JenkinsCredentials.Resolved resolved = JenkinsCredentials.resolve(List.of(
                binding("image", "harbor.yourdomain.com", "missing"),
                binding("registry", "harbor.yourdomain.com", "harbor"),
                binding("image", "harbor.yourdomain.com", "gitops-ssh"),
                binding("git", "https://git.example.com/x.git", "locked-key")), STORE::get);

        assertThat(resolved.problems()).hasSize(4);
        assertThat(resolved.problems().get(0)).contains("credentials 'missing'", "not found, or this build may not use");
        assertThat(resolved.problems().get(1)).contains("kind 'registry' is not one of image, helm, npm, git, generic");
        assertThat(resolved.problems().get(2)).contains("'gitops-ssh'", "image repositories take a username with "
                + "password or a secret text");
        assertThat(resolved.problems().get(3)).contains("passphrase");
        assertThat(resolved.provider().find("harbor.yourdomain.com", CredentialKind.image)).isEmpty();
    }

    @Test
    void aCanarySecretNeverReachesTheBuildLog() {
        JenkinsCredentials.Resolved resolved = JenkinsCredentials.resolve(List.of(
                binding("image", "harbor.yourdomain.com", "harbor"), binding("npm", "https://npm.example", "npm"),
                binding("git", "ssh://git.example/x.git", "gitops-ssh")), STORE::get);
        RecordingListener listener = new RecordingListener();
        BuildLog log = new BuildLog(listener, resolved.mask());

        log.info("pushing to https://robot:" + CANARY + "@harbor.yourdomain.com");
        log.warn("registry said: unauthorized token npm-token-" + CANARY);
        log.info("key line b3BlbnNzaC1rZXktdjEAAAAA" + CANARY);

        assertThat(listener.text()).doesNotContain(CANARY).contains("https://robot:****@harbor.yourdomain.com");
        Throwable masked = resolved.mask().apply(new IllegalStateException("auth " + CANARY + " refused"));
        assertThat(masked.getMessage()).isEqualTo("auth **** refused");
        assertThat(resolved.provider().toString()).doesNotContain(CANARY);
    }
}
