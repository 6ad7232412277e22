package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionException;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionScope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kargo's promotion functions, called the way users write them, over Freight from two warehouses. */
class PromotionFunctionsTest {

    private static final String IMAGE = "ghcr.io/acme/web";
    private static final String CHARTS = "https://charts.acme.example";

    private final ExpressionEngine engine = new ExpressionEngine();

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
        return engine.evaluate(expression, new ExpressionScope(Map.of("repo", IMAGE), functions));
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
        assertThat(engine.evaluate("failure() && !success()", new ExpressionScope(Map.of(), afterFailure)))
                .isEqualTo(true);
    }

    @Test
    void helpersOfTheClassAreNotFunctions() {
        assertThatThrownBy(() -> eval("explainMisses()")).isInstanceOf(ExpressionException.class);
    }
}
