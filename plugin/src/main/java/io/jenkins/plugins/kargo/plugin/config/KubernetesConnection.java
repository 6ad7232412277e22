package io.jenkins.plugins.kargo.plugin.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * How the engine reaches the Kubernetes API server: a URL and a Jenkins credential (a secret text holding a bearer
 * token, or a secret file holding a kubeconfig), the namespace, the CA certificate and whether to skip TLS checks.
 */
public final class KubernetesConnection extends AbstractDescribableImpl<KubernetesConnection> {

    private final String serverUrl;
    private final String credentialsId;
    private String namespace;
    private String caCertificate;
    private boolean skipTlsVerify;

    /**
     * @param serverUrl     the API server; may be empty with a kubeconfig credential (its current context)
     * @param credentialsId a secret text (token) or secret file (kubeconfig)
     */
    @DataBoundConstructor
    public KubernetesConnection(String serverUrl, String credentialsId) {
        this.serverUrl = serverUrl == null ? "" : serverUrl.trim();
        this.credentialsId = credentialsId == null ? "" : credentialsId.trim();
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = namespace == null || namespace.isBlank() ? null : namespace.trim();
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    /** PEM of the API server's CA, when the JVM's trust store does not hold it. */
    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = caCertificate == null || caCertificate.isBlank() ? null : caCertificate.trim();
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    @Extension
    @Symbol("kubernetes")
    public static final class DescriptorImpl extends Descriptor<KubernetesConnection> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Kubernetes connection";
        }
    }
}
