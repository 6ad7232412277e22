package io.jenkins.plugins.kargo.plugin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.jenkins.plugins.kargo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The plugin is a face: its steps, gates and pages translate Jenkins' arguments and builds into the application
 * layer's calls and its answers back (docs/application.md).
 */
class FaceRulesTest {

    private static final String FACE = "io.jenkins.plugins.kargo.plugin";
    // the mirror build's classes are in target/against-mirror/, which ArchUnit's predefined option does not know
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/")).importPackages(FACE);

    @Test
    void thePluginNeverReadsTheStore() {
        ArchitectureRules.faceDoesNotUseState(FACE).check(PLUGIN);
    }

    @Test
    void thePluginUsesOnlyTheApplicationLayerAndThePortsItImplements() {
        // the Freight view's pages serve the ui module's files and answer with its route table
        ArchitectureRules.faceUsesOnlyTheApplicationLayer(FACE, "io.jenkins.plugins.kargo.ui..").check(PLUGIN);
    }
}
