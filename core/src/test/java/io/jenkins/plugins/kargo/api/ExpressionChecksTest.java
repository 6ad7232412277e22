package io.jenkins.plugins.kargo.api;

import static io.jenkins.plugins.kargo.api.ConfigFixture.assertProblem;
import static io.jenkins.plugins.kargo.api.ConfigFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kargo apply} parses every expression of a configuration: a syntax error, an unknown function or variable, or
 * nesting beyond the limit is an apply error naming file, line and field, in promotion steps, vars, verification args
 * and analysis conditions alike.
 */
class ExpressionChecksTest {

    private static final String FIX = "see docs/expressions.md";

    @TempDir
    Path dir;

    private ConfigFixture base() {
        return new ConfigFixture(dir).withBase();
    }

    private static String stage(String spec) {
        return """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: uat
                  namespace: shop
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      sources: {direct: true}
                """ + spec.indent(2);
    }

    private static String template(String metric) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: checks, namespace: shop}
                spec:
                  args:
                    - name: version
                  metrics:
                    - name: up
                      provider: {web: {url: "http://web/health"}}
                """ + metric.indent(6);
    }

    @Test
    void aValidConfigurationWithEveryKindOfExpressionLoads() throws ConfigException {
        String stage = stage("""
                vars:
                  - name: repo
                    value: ghcr.io/acme/web
                promotionTemplate:
                  spec:
                    vars:
                      - name: tag
                        value: ${{ imageFrom(vars.repo)?.Tag ?? 'latest' }}
                    steps:
                      - uses: http
                        as: check
                        if: ${{ success() && ctx.stage == 'uat' }}
                        config:
                          url: https://web/version
                          successExpression: response.body.version == '${{ vars.tag }}'
                          outputs:
                            - name: version
                              fromExpression: response.body.version | trim()
                      - uses: http
                        if: always()
                        config:
                          url: https://web/notify/${{ outputs.check.version }}
                          body: '${% toJSON({"tags": filter(["a", "b"], {# != "b"})}) %}'
                verification:
                  analysisTemplates: [{name: checks}]
                  args:
                    - name: version
                      value: ${{ quote(semverParse(imageFrom(vars.repo).Tag).IncPatch()) }}
                """);
        String template = template("""
                successCondition: result.statusCode == 200 && result.body.version == '{{ args.version }}'
                failureCondition: isNil(result) || all(result.body.errors ?? [], {# != nil})
                """);
        KargoConfig config = base().with("uat.yaml", stage).with("checks.yaml", template).load();
        assertThat(config.stage("shop", "uat")).isPresent();
    }

    @Test
    void aSyntaxErrorInAStepsConfigNamesTheLineAndField() {
        String stage = stage("""
                promotionTemplate:
                  spec:
                    steps:
                      - uses: http
                        config:
                          url: https://web/${{ ctx.stage + }}
                """);
        assertProblem(base().with("uat.yaml", stage).error(), "uat.yaml", lineOf(stage, "url:"),
                "spec.promotionTemplate.spec.steps[0].config.url",
                "expression 'ctx.stage +': at column 12: unexpected end of expression", FIX);
    }

    @Test
    void anUnknownFunctionOrVariableIsAnApplyError() {
        String unknownFunction = stage("""
                promotionTemplate:
                  spec:
                    steps:
                      - uses: http
                        config:
                          url: https://web/
                          body: ${{ imageFromm('x').Tag }}
                """);
        assertProblem(base().with("uat.yaml", unknownFunction).error(), "uat.yaml", lineOf(unknownFunction, "body:"),
                "spec.promotionTemplate.spec.steps[0].config.body", "unknown function imageFromm(); besides"
                        + " expr-lang's built-ins, the functions here are always, artifactFrom, asJSON", FIX);

        String unknownVariable = stage("""
                promotionTemplate:
                  spec:
                    vars:
                      - name: x
                        value: ${{ var.repo }}
                    steps:
                      - uses: http
                        config: {url: https://web/}
                """);
        assertProblem(base().with("uat.yaml", unknownVariable).error(), "uat.yaml",
                lineOf(unknownVariable, "value: ${{ var.repo }}"), "spec.promotionTemplate.spec.vars[0].value",
                "unknown variable var; the variables here are ctx, outputs, task, vars", FIX);
    }

    @Test
    void anIfAndAnExpressionFieldAreCheckedAsWhatTheyAre() {
        String badIf = stage("""
                promotionTemplate:
                  spec:
                    steps:
                      - uses: http
                        if: sucess()
                        config: {url: https://web/}
                """);
        assertProblem(base().with("uat.yaml", badIf).error(), "uat.yaml", lineOf(badIf, "if: sucess()"),
                "spec.promotionTemplate.spec.steps[0].if", "unknown function sucess()", FIX);

        // an expression field sees the response, not the promotion's variables
        String wrongScope = stage("""
                promotionTemplate:
                  spec:
                    steps:
                      - uses: http
                        config:
                          url: https://web/
                          successExpression: vars.expected == response.status
                """);
        assertProblem(base().with("uat.yaml", wrongScope).error(), "uat.yaml", lineOf(wrongScope, "successExpression"),
                "spec.promotionTemplate.spec.steps[0].config.successExpression",
                "unknown variable vars; the variables here are response", FIX);

        // a placeholder where only a name can stand is refused: a value cannot become a field name
        String asName = stage("""
                promotionTemplate:
                  spec:
                    steps:
                      - uses: http
                        config:
                          url: https://web/
                          successExpression: response.body.${{ vars.field }} == 1
                """);
        assertProblem(base().with("uat.yaml", asName).error(), "uat.yaml", lineOf(asName, "successExpression"),
                "spec.promotionTemplate.spec.steps[0].config.successExpression",
                "expected a field name after '.', found string", FIX);
    }

    @Test
    void verificationArgsAndAnalysisConditionsAreChecked() {
        String args = stage("""
                verification:
                  analysisTemplates: [{name: checks}]
                  args:
                    - name: version
                      value: ${{ success() }}
                """);
        assertProblem(base().with("uat.yaml", args).with("checks.yaml", template("successCondition: true")).error(),
                "uat.yaml", lineOf(args, "value: ${{ success() }}"), "spec.verification.args[0].value",
                "unknown function success()", FIX);

        String condition = template("successCondition: result.statusCode == = 200");
        assertProblem(base().with("uat.yaml", stage("")).with("checks.yaml", condition).error(), "checks.yaml",
                lineOf(condition, "successCondition"), "spec.metrics[0].successCondition",
                "unexpected '='", FIX);
    }

    @Test
    void nestingBeyondTheLimitIsAnApplyErrorThatDoesNotRepeatTheExpression() {
        String deep = template("failureCondition: " + "(".repeat(1000) + "result" + ")".repeat(1000));
        ConfigProblem problem = base().with("checks.yaml", deep).error();
        assertProblem(problem, "checks.yaml", lineOf(deep, "failureCondition"), "spec.metrics[0].failureCondition",
                "is nested deeper than 256 levels (the limit)", FIX);
        assertThat(problem.message()).hasSizeLessThan(500);
    }

    @Test
    void aWarehousesCriteriaAreChecked() {
        String warehouse = """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata: {name: picky, namespace: shop}
                spec:
                  subscriptions:
                    - image: {repoURL: ghcr.io/acme/web}
                  freightCreationCriteria:
                    expression: imageFrom('ghcr.io/acme/web').Tag != ctx.stage
                """;
        assertProblem(base().with("picky.yaml", warehouse).error(), "picky.yaml", lineOf(warehouse, "expression:"),
                "spec.freightCreationCriteria.expression", "unknown variable ctx", FIX);
    }

    @Test
    void aPromotionTasksStepsAreChecked() {
        String task = """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: PromotionTask
                metadata: {name: notify, namespace: shop}
                spec:
                  steps:
                    - uses: http
                      config:
                        url: https://web/${{ ctx.stage + }}
                """;
        assertProblem(base().with("task.yaml", task).error(), "task.yaml", lineOf(task, "url:"),
                "spec.steps[0].config.url", "unexpected end of expression", FIX);
    }
}
