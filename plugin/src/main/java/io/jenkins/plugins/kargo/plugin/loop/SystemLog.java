package io.jenkins.plugins.kargo.plugin.loop;

import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.plugin.credentials.SecretMask;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The delivery loop's reports in Jenkins' system log (Manage Jenkins > System Log), every secret masked. */
final class SystemLog implements EventSink {

    private static final Logger LOGGER = Logger.getLogger(ControllerLoop.class.getName());

    private final SecretMask mask;

    SystemLog(SecretMask mask) {
        this.mask = mask;
    }

    @Override
    public void info(String message) {
        LOGGER.log(Level.INFO, "Kargo: {0}", mask.apply(message));
    }

    @Override
    public void warn(String message) {
        LOGGER.log(Level.WARNING, "Kargo: {0}", mask.apply(message));
    }
}
