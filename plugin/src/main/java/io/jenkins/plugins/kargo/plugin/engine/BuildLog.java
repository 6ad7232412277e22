package io.jenkins.plugins.kargo.plugin.engine;

import hudson.model.TaskListener;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.plugin.credentials.SecretMask;

/** The engine's reports in a build's log, every secret of the build masked. */
public final class BuildLog implements EventSink {

    private final TaskListener listener;
    private final SecretMask mask;

    public BuildLog(TaskListener listener, SecretMask mask) {
        this.listener = listener;
        this.mask = mask;
    }

    @Override
    public void info(String message) {
        listener.getLogger().println(mask.apply("Kargo: " + message));
    }

    @Override
    public void warn(String message) {
        listener.getLogger().println(mask.apply("Kargo: warning: " + message));
    }
}
