package io.jenkins.plugins.kargo.plugin.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.kargo.plugin.credentials.CredentialBinding;
import java.io.Serializable;
import java.util.Optional;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Where the projects' Kargo YAML lives when it is kept in git rather than in a job's workspace: a repository, a
 * branch and a path in it, and the Jenkins credential for the repository (a username with password or token, or an
 * SSH key), which becomes a {@code git} credential binding for that URL. {@code kargoApply(source: 'git')} and the
 * delivery loop's start read it through the application layer's apply.
 */
public final class GitProjectSource extends AbstractDescribableImpl<GitProjectSource> implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_BRANCH = "main";

    private final String repoURL;
    private String branch = DEFAULT_BRANCH;
    private String path = KargoConfiguration.DEFAULT_CONFIGURATION_PATH;
    private String credentialsId;

    @DataBoundConstructor
    public GitProjectSource(String repoURL) {
        this.repoURL = repoURL == null ? null : repoURL.trim();
    }

    public String getRepoURL() {
        return repoURL;
    }

    public String getBranch() {
        return branch;
    }

    /** Default {@value #DEFAULT_BRANCH}. */
    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = branch == null || branch.isBlank() ? DEFAULT_BRANCH : branch.trim();
    }

    public String getPath() {
        return path;
    }

    /** A directory or file in the repository; default {@code kargo}, the seed's layout. */
    @DataBoundSetter
    public void setPath(String path) {
        this.path = path == null || path.isBlank() ? KargoConfiguration.DEFAULT_CONFIGURATION_PATH : path.trim();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId == null || credentialsId.isBlank() ? null : credentialsId.trim();
    }

    /** The repository's credentials as a {@code git} binding for its URL; none when no credential is named. */
    public Optional<CredentialBinding> binding() {
        return credentialsId == null ? Optional.empty()
                : Optional.of(new CredentialBinding("git", repoURL, credentialsId));
    }

    /** What a change of the source is told by: repository, branch, path and credential. */
    public String identity() {
        return repoURL + "@" + branch + ":" + path + "#" + credentialsId;
    }

    /** For messages: never a credential (the URL's password or HTTP user is left out by the engine's messages). */
    @Override
    public String toString() {
        return path + " on branch " + branch + " of the project source";
    }

    @Extension
    @Symbol("git")
    public static final class DescriptorImpl extends Descriptor<GitProjectSource> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kargo YAML in a git repository";
        }

        public FormValidation doCheckRepoURL(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("repoURL is required") : FormValidation.ok();
        }
    }
}
