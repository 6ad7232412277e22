package io.jenkins.plugins.kargo.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The package rules of {@code docs/architecture.md}, for each module's tests to check against its own classes:
 * packages point one way (no cycle between the top-level packages of {@code io.jenkins.plugins.kargo}), and a face
 * (the CLI, {@code kargo serve}'s web application, the Jenkins plugin) uses the engine only through the application
 * layer and the ports it implements ({@code docs/application.md}).
 */
public final class ArchitectureRules {

    public static final String ROOT = "io.jenkins.plugins.kargo";

    private ArchitectureRules() {
    }

    /** No cycle between top-level packages: {@code api}, {@code discovery}, {@code freight}, {@code state}, .... */
    public static ArchRule topLevelPackagesPointOneWay() {
        return slices().matching(ROOT + ".(*)..").namingSlices("$1").should().beFreeOfCycles()
                .because("packages point one way (docs/architecture.md)");
    }

    /** The face never touches the store: what it shows comes from the read model. */
    public static ArchRule faceDoesNotUseState(String facePackage) {
        return noClasses().that().resideInAPackage(facePackage + "..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + ".state..")
                .because("a face shows the application layer's read model, never the store (docs/application.md)");
    }

    /**
     * A face depends on nothing of the engine but the application layer ({@code application..}), the ports it
     * implements ({@code credentials..}, {@code events..}) and the configuration's error types
     * ({@code api.ConfigException}, {@code api.ConfigProblem}, {@code api.SourceLocation}) and Kargo's duration format
     * ({@code api.GoDuration}, for options such as {@code --tick 10s}).
     *
     * @param otherFaces packages of other faces it builds on (the CLI's {@code kargo serve} serves the {@code ui}
     *                   module's web application), each followed by {@code ..}
     */
    public static ArchRule faceUsesOnlyTheApplicationLayer(String facePackage, String... otherFaces) {
        DescribedPredicate<JavaClass> configErrors = resideInAnyPackage(ROOT + ".api")
                .and(or(simpleNameStartingWith("ConfigException"), simpleNameStartingWith("ConfigProblem"),
                        simpleNameStartingWith("SourceLocation"), simpleNameStartingWith("GoDuration")))
                .as("the configuration's error types and Kargo's duration format");
        List<String> allowed = new ArrayList<>(List.of(facePackage + "..", ROOT + ".application..",
                ROOT + ".credentials..", ROOT + ".events.."));
        allowed.addAll(List.of(otherFaces));
        return classes().that().resideInAPackage(facePackage + "..").should().onlyDependOnClassesThat(
                        or(resideOutsideOfPackage(ROOT + ".."), resideInAnyPackage(allowed.toArray(String[]::new)),
                                configErrors))
                .because("a face only translates in and out; every rule lives in core (docs/application.md)");
    }
}
