package io.jenkins.plugins.kargo.plugin.loop;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.ApplyResult;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.plugin.config.GitProjectSource;
import io.jenkins.plugins.kargo.plugin.config.KargoConfiguration;
import io.jenkins.plugins.kargo.plugin.credentials.JenkinsCredentials;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's delivery loop on the controller ({@link Kargo#startLoop}), as {@code kargo serve} runs it: every
 * project in the state directory discovered on its warehouses' intervals, auto-promoted where its policy allows, its
 * stages' queues run. Started once Jenkins has loaded its jobs and configuration, stopped when Jenkins shuts down
 * (a promotion it interrupts stays Running in the state and is run again by the next start), and started again when
 * the global configuration changes what it runs. Builds and the loop share the state directory: a stage's queue is
 * run by whoever holds its lease.
 */
public final class ControllerLoop {

    private static final Logger LOGGER = Logger.getLogger(ControllerLoop.class.getName());

    /** Who the audit trail names for what the loop applies. */
    static final String ACTOR = "jenkins";

    private static final ControllerLoop JENKINS = new ControllerLoop(ControllerLoop::openEngine);

    /**
     * What the loop runs with; a change of any of them restarts it.
     *
     * @param projectSource the git project source's repository, branch, path and credential; null: none
     */
    public record Settings(boolean enabled, Path stateDirectory, Duration tick, String projectSource) {
    }

    private final Function<Settings, Kargo> engines;
    /** Whether Jenkins is up (between the initializer and the terminator): configuration changes apply then. */
    private boolean started;
    private Settings current;
    private Kargo kargo;
    private Kargo.Loop loop;

    ControllerLoop(Function<Settings, Kargo> engines) {
        this.engines = engines;
    }

    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED, fatal = false)
    public static void startWithJenkins() {
        JENKINS.start(KargoConfiguration.get().loopSettings());
    }

    @Terminator
    public static void stopWithJenkins() {
        JENKINS.stop();
    }

    /** The global configuration was saved: restarts the loop if what it runs with changed. */
    public static void configurationChanged(Settings settings) {
        JENKINS.reconfigure(settings);
    }

    synchronized void start(Settings settings) {
        started = true;
        run(settings);
    }

    synchronized void reconfigure(Settings settings) {
        if (started && !settings.equals(current)) {
            run(settings);
        }
    }

    /** Stops looking for work and interrupts what runs, then closes the engine. */
    synchronized void stop() {
        started = false;
        close();
    }

    synchronized boolean running() {
        return loop != null;
    }

    private void run(Settings settings) {
        close();
        current = settings;
        if (!settings.enabled()) {
            LOGGER.info("Kargo: the delivery loop is off (Manage Jenkins > System > Kargo)");
            return;
        }
        try {
            kargo = engines.apply(settings);
            loop = kargo.startLoop(settings.tick());
            LOGGER.info(() -> "Kargo: delivery loop over " + settings.stateDirectory() + ", looking for work every "
                    + settings.tick().toSeconds() + "s");
        } catch (RuntimeException e) {
            // a configuration Jenkins cannot use (a missing Kubernetes credential) must not stop Jenkins
            LOGGER.log(Level.WARNING, "Kargo: the delivery loop did not start: " + e.getMessage(), e);
            close();
        }
    }

    private void close() {
        try {
            if (loop != null) {
                loop.close();
            }
        } finally {
            loop = null;
            if (kargo != null) {
                kargo.close();
                kargo = null;
            }
        }
    }

    /** The engine with the system's credentials; the git project source, if any, applied first. */
    private static Kargo openEngine(Settings settings) {
        JenkinsDelivery.Wired wired = JenkinsDelivery.wire(settings.stateDirectory(), JenkinsCredentials.system(),
                SystemLog::new);
        GitProjectSource source = KargoConfiguration.get().getProjectSource();
        if (source != null) {
            try {
                ApplyResult applied = wired.kargo().commands().apply(ConfigInput.git(source.getRepoURL(),
                        source.getBranch(), source.getPath()), ACTOR);
                LOGGER.info(() -> "Kargo: applied " + applied.projects().stream()
                        .map(ApplyResult.AppliedProject::name).toList() + " from " + source);
            } catch (ConfigException | RuntimeException e) {
                // the projects applied before stay; the loop runs them
                LOGGER.warning(() -> "Kargo: the project source was not applied: " + wired.mask().apply(e.getMessage()));
            }
        }
        return wired.kargo();
    }
}
