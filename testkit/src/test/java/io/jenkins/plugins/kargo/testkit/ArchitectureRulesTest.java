package io.jenkins.plugins.kargo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rules catch what they are for, on fixtures made to break them (and pass on one made to keep them). */
class ArchitectureRulesTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(
            "io.jenkins.plugins.kargo.cycleone", "io.jenkins.plugins.kargo.cycletwo", "io.jenkins.plugins.kargo.state",
            "io.jenkins.plugins.kargo.application", "io.jenkins.plugins.kargo.badface",
            "io.jenkins.plugins.kargo.goodface");

    @Test
    void aCycleBetweenTopLevelPackagesFails() {
        EvaluationResult result = ArchitectureRules.topLevelPackagesPointOneWay().evaluate(FIXTURES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("cycleone", "cycletwo");
    }

    @Test
    void aFaceReadingTheStoreFails() {
        EvaluationResult result = ArchitectureRules.faceDoesNotUseState("io.jenkins.plugins.kargo.badface")
                .evaluate(FIXTURES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("ReadsTheStore", "state.Store");
    }

    @Test
    void aFaceUsingAnEnginePackageOtherThanTheApplicationLayerFails() {
        EvaluationResult result = ArchitectureRules.faceUsesOnlyTheApplicationLayer("io.jenkins.plugins.kargo.badface")
                .evaluate(FIXTURES);

        assertThat(result.getFailureReport().toString()).contains("cycleone.One", "state.Store");
    }

    @Test
    void aFaceOnTheApplicationLayerPasses() {
        String face = "io.jenkins.plugins.kargo.goodface";

        assertThat(ArchitectureRules.faceUsesOnlyTheApplicationLayer(face).evaluate(FIXTURES).hasViolation()).isFalse();
        assertThat(ArchitectureRules.faceDoesNotUseState(face).evaluate(FIXTURES).hasViolation()).isFalse();
    }
}
