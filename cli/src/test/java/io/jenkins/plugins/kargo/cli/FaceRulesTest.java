package io.jenkins.plugins.kargo.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.kargo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The CLI is a face: it translates arguments into the application layer's calls and its answers into text. */
class FaceRulesTest {

    private static final String FACE = "io.jenkins.plugins.kargo.cli";
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(FACE);

    @Test
    void theCliNeverReadsTheStore() {
        ArchitectureRules.faceDoesNotUseState(FACE).check(CLI);
    }

    @Test
    void theCliUsesOnlyTheApplicationLayerAndThePortsItImplements() {
        // kargo serve serves the web application of the ui module, the other face
        ArchitectureRules.faceUsesOnlyTheApplicationLayer(FACE, "io.jenkins.plugins.kargo.ui..").check(CLI);
    }
}
