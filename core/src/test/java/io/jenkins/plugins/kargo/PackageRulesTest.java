package io.jenkins.plugins.kargo;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.kargo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The engine's packages point one way ({@code docs/architecture.md}). */
class PackageRulesTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ArchitectureRules.ROOT);

    @Test
    void noCycleBetweenTopLevelPackages() {
        ArchitectureRules.topLevelPackagesPointOneWay().check(ENGINE);
    }
}
