package io.jenkins.plugins.kargo.plugin.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.kargo.plugin.credentials.JenkinsCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The engine's Kubernetes client made from a {@link KubernetesConnection} and its Jenkins credential. */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    /**
     * A supplier the engine calls on first use; none configured: fabric8's usual discovery (kubeconfig, in-cluster).
     *
     * @throws IllegalArgumentException naming the credential when it is missing or of a type that does not fit
     */
    public static Supplier<KubernetesClient> of(KubernetesConnection connection, JenkinsCredentials.Lookup lookup) {
        if (connection == null) {
            return () -> new KubernetesClientBuilder().build();
        }
        Config config = config(connection, lookup);
        return () -> new KubernetesClientBuilder().withConfig(config).build();
    }

    static Config config(KubernetesConnection c, JenkinsCredentials.Lookup lookup) {
        Config base = Config.empty();
        String token = null;
        if (!c.getCredentialsId().isEmpty()) {
            StandardCredentials found = lookup.find(c.getCredentialsId());
            if (found instanceof StringCredentials text) {
                token = text.getSecret().getPlainText();
            } else if (found instanceof FileCredentials file) {
                base = Config.fromKubeconfig(read(file));
            } else {
                throw new IllegalArgumentException("Kubernetes credentials '" + c.getCredentialsId() + "' "
                        + (found == null ? "not found" : "are a " + found.getClass().getSimpleName())
                        + ": use a secret text holding a bearer token or a secret file holding a kubeconfig");
            }
        }
        ConfigBuilder b = new ConfigBuilder(base);
        if (!c.getServerUrl().isEmpty()) {
            b.withMasterUrl(c.getServerUrl());
        }
        if (token != null) {
            b.withOauthToken(token);
        }
        if (c.getNamespace() != null) {
            b.withNamespace(c.getNamespace());
        }
        if (c.getCaCertificate() != null) {
            b.withCaCertData(Base64.getEncoder().encodeToString(c.getCaCertificate().getBytes(StandardCharsets.UTF_8)));
        }
        return b.withTrustCerts(c.isSkipTlsVerify()).build();
    }

    private static String read(FileCredentials file) {
        try (InputStream in = file.getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Kubernetes credentials '" + file.getId() + "': cannot read the "
                    + "kubeconfig: " + e.getMessage(), e);
        }
    }
}
