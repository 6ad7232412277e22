package io.jenkins.plugins.kargo.plugin.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import java.util.Locale;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * A Jenkins credential for the repositories whose URL matches, as Kargo's credential Secrets say it: a kind
 * ({@code image}, {@code helm}, {@code npm}, {@code git}, {@code generic}), a URL (or a regular expression) and, in
 * place of the Secret's data, the ID of a Jenkins credential.
 */
public final class CredentialBinding extends AbstractDescribableImpl<CredentialBinding> {

    private final String kind;
    private final String repoURL;
    private final String credentialsId;
    private boolean repoURLIsRegex;

    @DataBoundConstructor
    public CredentialBinding(String kind, String repoURL, String credentialsId) {
        this.kind = kind == null ? null : kind.trim().toLowerCase(Locale.ROOT);
        this.repoURL = repoURL == null ? null : repoURL.trim();
        this.credentialsId = credentialsId == null ? null : credentialsId.trim();
    }

    public String getKind() {
        return kind;
    }

    public String getRepoURL() {
        return repoURL;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public boolean isRepoURLIsRegex() {
        return repoURLIsRegex;
    }

    @DataBoundSetter
    public void setRepoURLIsRegex(boolean repoURLIsRegex) {
        this.repoURLIsRegex = repoURLIsRegex;
    }

    /**
     * The engine's kind of credential.
     *
     * @throws IllegalArgumentException naming the binding and the kinds there are
     */
    public CredentialKind credentialKind() {
        try {
            return CredentialKind.valueOf(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credential binding for " + repoURL + ": kind '" + kind
                    + "' is not one of image, helm, npm, git, generic");
        }
    }

    @Override
    public String toString() {
        return kind + " " + repoURL + (repoURLIsRegex ? " (regex)" : "") + " -> " + credentialsId;
    }

    @Extension
    @Symbol("binding")
    public static final class DescriptorImpl extends Descriptor<CredentialBinding> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Credentials for a repository";
        }

        public ListBoxModel doFillKindItems() {
            ListBoxModel kinds = new ListBoxModel();
            for (CredentialKind k : CredentialKind.values()) {
                kinds.add(k.name());
            }
            return kinds;
        }

        public FormValidation doCheckRepoURL(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("repoURL is required") : FormValidation.ok();
        }

        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("credentialsId is required")
                    : FormValidation.ok();
        }
    }
}
