package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.expr.Environment;
import io.jenkins.plugins.kargo.expr.Expression;
import io.jenkins.plugins.kargo.expr.ExpressionException;
import io.jenkins.plugins.kargo.expr.Limits;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kargo's promotion functions, called the way users write them, over Freight from two warehouses. */
class PromotionFunctionsTest {

    private static final String IMAGE = "ghcr.io/acme/web";
    private static final String CHARTS = "https://charts.acme.example";

    private final Freight fromFrontend = new Freight("aaa", "", FreightOrigin.warehouse("frontend"), Instant.EPOCH,
            List.of(new FreightImage(IMAGE, "1.0.0", "sha256:front", Map.of("org.opencontainers.image.revision", "r1"), "")),
            List.of(new FreightChart(CHARTS, "web", "3.1.0", ""), new FreightChart(CHARTS, "api", "2.0.0", "")),
            List.of(), List.of());
    private final Freight fromBackend = new Freight("bbb", "", FreightOrigin.warehouse("backend"), Instant.EPOCH,
            List.of(new FreightImage(IMAGE, "2.0.0", "sha256:back", Map.of(), "")), List.of(),
            List.of(new FreightCommit("https://git.acme.example/app.git", "c0ffee", "main", "v2", "fix", "ann", "bob", "")),
            List.of());

    private final Map<String, StepStatus> finished = new LinkedHashMap<>(Map.of("clone", StepStatus.Succeeded));
    private final PromotionFunctions functions = new PromotionFunctions(
            new FreightCollection(List.of(fromFrontend, fromBackend)), finished, false);

    private Object eval(String expression) throws InterruptedException {
        return Expression.parse(expression).evaluate(new Environment(Map.of("repo", IMAGE),
                functions.functions().with(SemverFunctions.LIBRARY)), Limits.DEFAULT);
    }

    @Test
    void artifactsAreFoundByRepositoryAndOptionallyByWarehouse() throws Exception {
        assertThat(eval("imageFrom(repo).Tag")).isEqualTo("1.0.0");
        assertThat(eval("imageFrom(repo, warehouse('backend')).Digest")).isEqualTo("sha256:back");
        assertThat(eval("imageFrom(repo).Annotations['org.opencontainers.image.revision']")).isEqualTo("r1");
        assertThat(eval("chartFrom('" + CHARTS + "', 'api').Version")).isEqualTo("2.0.0");
        assertThat(eval("chartFrom('" + CHARTS + "').Name")).isEqualTo("web");
        assertThat(eval("commitFrom('https://git.acme.example/app.git').ID")).isEqualTo("c0ffee");
        assertThat(eval("commitFrom('https://git.acme.example/app.git', warehouse('frontend'))")).isNull();
        assertThat(eval("warehouse('backend')")).isEqualTo(Map.of("Kind", "Warehouse", "Name", "backend"));
    }

    @Test
    void aLookupThatFindsNothingGivesNullAndIsExplained() throws Exception {
        assertThat(eval("imageFrom('ghcr.io/acme/api')?.Tag ?? 'none'")).isEqualTo("none");
        assertThat(eval("chartFrom('" + CHARTS + "', 'db', warehouse('frontend'))")).isNull();

        assertThat(functions.explainMisses()).isEqualTo(
                "imageFrom('ghcr.io/acme/api') found nothing; the Freight being promoted has images from: "
                        + IMAGE + "; chartFrom('" + CHARTS + "', 'db') found nothing; the Freight being promoted from "
                        + "Warehouse/frontend has charts from: " + CHARTS + " (web), " + CHARTS + " (api)");
    }

    @Test
    void stepStatusFunctions() throws Exception {
        assertThat(eval("success() && !failure() && always()")).isEqualTo(true);
        assertThat(eval("status('clone')")).isEqualTo("Succeeded");
        assertThatThrownBy(() -> eval("status('push')")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("status('push'): no step with that alias has finished; finished steps: clone");
        assertThatThrownBy(() -> eval("warehouse('')")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("the name must not be empty");

        PromotionFunctions afterFailure = new PromotionFunctions(new FreightCollection(List.of()), finished, true);
        assertThat(Expression.parse("failure() && !success()").evaluate(new Environment(Map.of(),
                afterFailure.functions()), Limits.DEFAULT)).isEqualTo(true);
    }

    @Test
    void helpersOfTheClassAreNotFunctions() {
        assertThatThrownBy(() -> eval("explainMisses()")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("unknown function explainMisses()");
    }

    @Test
    void artifactFromFindsAGenericArtifactBySubscriptionName() throws Exception {
        Freight npm = new Freight("ccc", "", FreightOrigin.warehouse("packages"), Instant.EPOCH, List.of(), List.of(),
                List.of(), List.of(new io.jenkins.plugins.kargo.freight.FreightArtifact("npm", "ui-kit", "4.2.0",
                Map.of("package", "@acme/ui-kit"))));
        PromotionFunctions withNpm = new PromotionFunctions(new FreightCollection(List.of(npm)), finished, false);
        Environment environment = new Environment(Map.of(), withNpm.functions());
        assertThat(Expression.parse("artifactFrom('ui-kit').Version").evaluate(environment, Limits.DEFAULT))
                .isEqualTo("4.2.0");
        assertThat(Expression.parse("artifactFrom('ui-kit', warehouse('packages')).Metadata.package")
                .evaluate(environment, Limits.DEFAULT)).isEqualTo("@acme/ui-kit");
        assertThat(Expression.parse("artifactFrom('other')?.Version ?? 'none'").evaluate(environment,
                Limits.DEFAULT)).isEqualTo("none");
    }

    @Test
    void semverFunctionsAsKargoDocumentsThem() throws Exception {
        assertThat(eval("semverParse('1.2.3').IncMinor().String()")).isEqualTo("1.3.0");
        assertThat(eval("semverParse('v1.2.3').IncMajor().String()")).isEqualTo("2.0.0");
        assertThat(eval("semverParse('1.2.3').IncPatch().String()")).isEqualTo("1.2.4");
        assertThat(eval("semverParse('1.2.3-rc.1+build.7').Prerelease()")).isEqualTo("rc.1");
        assertThat(eval("semverParse('1.2.3-rc.1+build.7').Metadata()")).isEqualTo("build.7");
        assertThat(eval("semverParse('1.2').Patch()")).isEqualTo(0L);
        assertThat(eval("semverParse('1.2.3').Major() + semverParse('1.2.3').Minor()")).isEqualTo(3L);
        assertThat(eval("semverParse('1.2.3').LessThan(semverParse('1.10.0'))")).isEqualTo(true);
        assertThat(eval("semverParse('1.2.3')")).isEqualTo("1.2.3");
        assertThat(eval("semverDiff('1.2.3', '2.0.0')")).isEqualTo("Major");
        assertThat(eval("semverDiff('1.2.3', '1.3.0')")).isEqualTo("Minor");
        assertThat(eval("semverDiff('1.2.3', 'v1.2.4')")).isEqualTo("Patch");
        assertThat(eval("semverDiff('1.2.3+a', '1.2.3+b')")).isEqualTo("Metadata");
        assertThat(eval("semverDiff('1.2.3', '1.2.3')")).isEqualTo("None");
        assertThat(eval("semverDiff('1.2.3', 'latest')")).isEqualTo("Incomparable");
        assertThatThrownBy(() -> eval("semverParse('latest')")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'latest' is not a semantic version");
        assertThatThrownBy(() -> eval("semverParse('1.2.3').Bump()")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("semver.Version has no method Bump()");
    }
}
