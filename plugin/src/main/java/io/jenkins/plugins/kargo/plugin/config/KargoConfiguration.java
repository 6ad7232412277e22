package io.jenkins.plugins.kargo.plugin.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.jenkins.plugins.kargo.api.GoDuration;
import io.jenkins.plugins.kargo.plugin.credentials.CredentialBinding;
import io.jenkins.plugins.kargo.plugin.loop.ControllerLoop;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Manage Jenkins > System > Kargo, and {@code unclassified: kargo:} in Configuration as Code: where the engine keeps
 * its state, where a build finds the project's Kargo YAML, which Jenkins credentials the engine may use for which
 * repositories, and how it reaches Kubernetes.
 */
@Extension
@Symbol("kargo")
public final class KargoConfiguration extends GlobalConfiguration {

    /** Where the YAML is in a workspace unless configured: the seed's layout. */
    public static final String DEFAULT_CONFIGURATION_PATH = "kargo";

    /** How often the delivery loop looks for work unless configured: {@code kargo serve}'s default. */
    public static final String DEFAULT_LOOP_TICK = "10s";

    private String stateDirectory;
    private String configurationPath = DEFAULT_CONFIGURATION_PATH;
    private List<CredentialBinding> credentials = new ArrayList<>();
    private KubernetesConnection kubernetes;
    private GitProjectSource projectSource;
    private boolean deliveryLoop = true;
    private String loopTick = DEFAULT_LOOP_TICK;

    public KargoConfiguration() {
        load();
    }

    public static KargoConfiguration get() {
        return ExtensionList.lookupSingleton(KargoConfiguration.class);
    }

    public String getStateDirectory() {
        return stateDirectory;
    }

    /** An absolute directory; empty: {@code kargo} under {@code JENKINS_HOME}. */
    @DataBoundSetter
    public void setStateDirectory(String stateDirectory) {
        this.stateDirectory = blankToNull(stateDirectory);
        save();
    }

    /** The directory the engine keeps its state in. */
    public Path stateDirectoryPath() {
        return stateDirectory != null ? Path.of(stateDirectory) : new File(Jenkins.get().getRootDir(), "kargo").toPath();
    }

    public String getConfigurationPath() {
        return configurationPath;
    }

    /** Where a build's workspace holds the project's Kargo YAML (a directory or a file), for {@code kargoApply}. */
    @DataBoundSetter
    public void setConfigurationPath(String configurationPath) {
        this.configurationPath = configurationPath == null || configurationPath.isBlank()
                ? DEFAULT_CONFIGURATION_PATH : configurationPath.trim();
        save();
    }

    public List<CredentialBinding> getCredentials() {
        return List.copyOf(credentials);
    }

    @DataBoundSetter
    public void setCredentials(List<CredentialBinding> credentials) {
        this.credentials = credentials == null ? new ArrayList<>() : new ArrayList<>(credentials);
        save();
    }

    public KubernetesConnection getKubernetes() {
        return kubernetes;
    }

    /** How the engine reaches Kubernetes ({@code argocd-update}, job metrics); none: the controller's kubeconfig. */
    @DataBoundSetter
    public void setKubernetes(KubernetesConnection kubernetes) {
        this.kubernetes = kubernetes;
        save();
    }

    public GitProjectSource getProjectSource() {
        return projectSource;
    }

    /**
     * Where the projects' Kargo YAML is kept in git, for {@code kargoApply(source: 'git')} and the delivery loop's
     * start; none: only workspaces.
     */
    @DataBoundSetter
    public void setProjectSource(GitProjectSource projectSource) {
        this.projectSource = projectSource;
        save();
    }

    /** The credential bindings the engine gets: those configured, and the project source's. */
    public List<CredentialBinding> bindings() {
        List<CredentialBinding> all = new ArrayList<>(credentials);
        if (projectSource != null) {
            projectSource.binding().ifPresent(all::add);
        }
        return all;
    }

    public boolean isDeliveryLoop() {
        return deliveryLoop;
    }

    /** Whether the controller runs the delivery loop (discovery on each warehouse's interval, auto-promotion). */
    @DataBoundSetter
    public void setDeliveryLoop(boolean deliveryLoop) {
        this.deliveryLoop = deliveryLoop;
        save();
    }

    public String getLoopTick() {
        return loopTick;
    }

    /** How often the delivery loop looks for work, as a Go duration ({@code 10s}, {@code 1m}). */
    @DataBoundSetter
    public void setLoopTick(String loopTick) {
        String tick = loopTick == null || loopTick.isBlank() ? DEFAULT_LOOP_TICK : loopTick.trim();
        tick(tick); // a bad duration is refused here, not when the loop starts
        this.loopTick = tick;
        save();
    }

    /** What the delivery loop runs with now. */
    public ControllerLoop.Settings loopSettings() {
        return new ControllerLoop.Settings(deliveryLoop, stateDirectoryPath(), tick(loopTick),
                projectSource == null ? null : projectSource.identity());
    }

    /** @throws IllegalArgumentException saying how to write the tick */
    static Duration tick(String text) {
        Duration tick;
        try {
            tick = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            tick = Duration.ZERO;
        }
        if (tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException("loopTick '" + text + "' is not a duration longer than zero; write it "
                    + "as Go does: 10s, 1m, 1h30m");
        }
        return tick;
    }

    /** Saves, and restarts the delivery loop when what it runs with changed. */
    @Override
    public synchronized void save() {
        super.save();
        ControllerLoop.configurationChanged(loopSettings());
    }

    public FormValidation doCheckLoopTick(@QueryParameter String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            tick(value.trim());
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    public FormValidation doCheckStateDirectory(@QueryParameter String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        return Path.of(value.trim()).isAbsolute() ? FormValidation.ok()
                : FormValidation.error("the state directory must be an absolute path");
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Kargo";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
