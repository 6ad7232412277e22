package io.jenkins.plugins.kargo;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

    /** The expression engine depends on nothing else of the project, so every layer may use it. */
    @Test
    void theExpressionEngineStandsAlone() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.kargo.expr..")
                .should().dependOnClassesThat(resideInAPackage("io.jenkins.plugins.kargo..")
                        .and(not(resideInAPackage("io.jenkins.plugins.kargo.expr.."))))
                .check(ENGINE);
    }
}
