package io.jenkins.plugins.kargo.ui;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.kargo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The Freight view's API is a face: its routes translate HTTP-shaped calls into the application layer's and back. */
class FaceRulesTest {

    private static final String FACE = "io.jenkins.plugins.kargo.ui";
    private static final JavaClasses UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(FACE);

    @Test
    void theViewNeverReadsTheStore() {
        ArchitectureRules.faceDoesNotUseState(FACE).check(UI);
    }

    @Test
    void theViewUsesOnlyTheApplicationLayer() {
        ArchitectureRules.faceUsesOnlyTheApplicationLayer(FACE).check(UI);
    }
}
