// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/init/InitMilestone.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.init;

public enum InitMilestone {
    STARTED,
    PLUGINS_LISTED,
    PLUGINS_PREPARED,
    PLUGINS_STARTED,
    EXTENSIONS_AUGMENTED,
    SYSTEM_CONFIG_LOADED,
    SYSTEM_CONFIG_ADAPTED,
    JOB_LOADED,
    JOB_CONFIG_ADAPTED,
    COMPLETED
}
