package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.expr.Bounded;
import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.expr.kargo.ProjectData;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review's template attacks (category T) and variants, through a real {@link PromotionRunner}: each ends the
 * step (or the promotion, for the template's vars) Errored with its reason, in well under the time bound, with a
 * bounded allocation and no thread left behind; a value is never evaluated twice.
 */
class TemplateAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    private static final class Echo implements PromotionStepRunner {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        @SuppressWarnings("unchecked")
        public StepResult run(StepContext context, JsonNode config) {
            return StepResult.succeeded(JSON.convertValue(config, Map.class), "echoed");
        }
    }

    record Attack(String id, String template, String expected) {
    }

    static List<Attack> attacks() {
        List<Attack> a = new ArrayList<>();
        a.add(new Attack("71", "${{ '${{ 1+1 }}' }}", "! never closed"));
        a.add(new Attack("72", "${% vars.x %}${{ \"}}\" }}", "! never closed"));
        a.add(new Attack("101", "${{ vars.tpl }}", "= ${{ 1+1 }}"));
        a.add(new Attack("102", "a-${{ vars.tpl }}-b", "= a-${{ 1+1 }}-b"));
        a.add(new Attack("103", "${{ vars.tpl }}${{ '}}' }}", "! never closed"));
        a.add(new Attack("111", "x-${{ [1..1000000000] }}", "! would make a list or map of 1000000000 elements"));
        a.add(new Attack("112", "${{ {'a': 1..2000000000} }}", "! would make a list or map of 2000000000"));
        a.add(new Attack("112b", "${{ 1..999999 }}", "! expression '1..999999': would allocate more than 32 MiB"));
        a.add(new Attack("112c", "${% asYAML(map(1..200000, {{'k': #}})) %}",
                "! would make a string of || would allocate more than 32 MiB || did not finish within"));
        a.add(new Attack("112d", "${% unsafeQuote(unsafeQuote(unsafeQuote(repeat('\"', 300000)))) %}",
                "! would make a string of"));
        a.add(new Attack("113", "${{ vars.x + '}}' }}", "! never closed"));
        a.add(new Attack("114", "${{ " + "(".repeat(1000) + "1" + ")".repeat(1000) + " }}",
                "! is nested deeper than 256 levels"));
        a.add(new Attack("115", "${{ all(1..1000, {all(1..1000, {all(1..1000, {# > 0})})}) }}",
                "! took more than 2000000 steps || did not finish within"));
        a.add(new Attack("116", "${{ quote('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' matches '(.*a){12}') }}", "= true"));
        a.add(new Attack("117", "${{ vars.x }}", "= hello"));
        return a;
    }

    @Test
    void theSuiteCoversTheReviewsTemplateAttacks() {
        assertThat(attacks()).extracting(Attack::id).contains("71", "72", "101", "102", "103", "111", "112");
    }

    @TestFactory
    Stream<DynamicTest> templateAttacksEndTheStepWithTheirReason() {
        return attacks().stream().map(a -> DynamicTest.dynamicTest(a.id() + ": "
                + a.template().substring(0, Math.min(80, a.template().length())), () -> check(a)));
    }

    private void check(Attack attack) {
        Bounded.Outcome outcome = Bounded.run(() -> run(List.of(
                new ExpressionVariable("x", "hello"),
                new ExpressionVariable("tpl", "${% '$' + '{{ 1+1 }}' %}")), Map.of("value", attack.template())));
        PromotionRun run = (PromotionRun) outcome.value();
        assertThat(run.steps()).as(run.message()).hasSize(1);
        StepRecord step = run.steps().get(0);
        if (attack.expected().startsWith("!")) {
            assertThat(step.status()).isEqualTo(StepStatus.Errored);
            assertThat(step.message()).contains("field config.value").hasSizeLessThan(1500);
            Bounded.assertEndedWith(step.message(), attack.expected().substring(1));
        } else {
            assertThat(step.status()).as(step.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(step.output().get("value")).isEqualTo(attack.expected().substring(1).strip());
        }
        assertThat(outcome.elapsed()).isLessThan(Bounded.TIME_BOUND);
        assertThat(outcome.allocatedBytes()).isLessThan(Bounded.HEAP_BOUND);
    }

    @Test
    void doublingVariablesEndsAtTheStringBoundBeforeAnyStep() {
        List<ExpressionVariable> vars = new ArrayList<>();
        vars.add(new ExpressionVariable("a0", "xxxxxxxxxxxxxxxx"));
        for (int i = 1; i <= 31; i++) {
            vars.add(new ExpressionVariable("a" + i, "${{ vars.a" + (i - 1) + " + vars.a" + (i - 1) + " }}"));
        }
        Bounded.Outcome outcome = Bounded.run(() -> run(vars, Map.of("value", "${{ vars.a31 }}")));

        PromotionRun run = (PromotionRun) outcome.value();
        assertThat(run.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(run.steps()).isEmpty();
        assertThat(run.message()).startsWith("promotion template variable 'a17'")
                .contains("would make a string of 2097152 characters; the limit is 1048576");
        assertThat(outcome.elapsed()).isLessThan(Bounded.TIME_BOUND);
        assertThat(outcome.allocatedBytes()).isLessThan(Bounded.HEAP_BOUND);
    }

    @Test
    void aRangeInAnHttpBodyIsAnErroredStepNotAnOutOfMemory() {
        Bounded.Outcome outcome = Bounded.run(() -> run(List.of(),
                Map.of("method", "POST", "body", "${{ [1..2000000000] }}")));
        StepRecord step = ((PromotionRun) outcome.value()).steps().get(0);

        assertThat(step.status()).isEqualTo(StepStatus.Errored);
        assertThat(step.message()).contains("field config.body").contains("would make a list or map of 2000000000");
        assertThat(outcome.allocatedBytes()).isLessThan(Bounded.HEAP_BOUND);
    }

    @Test
    void aStepsExpressionsShareOneTimeBound() {
        Limits tight = Limits.DEFAULT.withMaxTime(Duration.ofMillis(300)).withMaxSteps(Long.MAX_VALUE);
        PromotionRunner runner = new PromotionRunner(StepRegistry.of(new Echo()), Clock.systemUTC(), tight,
                ProjectData.NONE, d -> { }, Duration.ofMillis(1));
        // 9 million closure calls each: more than a fast machine does in 300 ms, so only the bound ends them
        String slow = "${{ all(1..3000, {all(1..3000, {# > 0})}) }}";
        Bounded.Outcome outcome = Bounded.run(() -> runner.run(List.of(), List.of(step(Map.of(
                "a", slow, "b", slow, "c", slow, "d", slow, "e", slow, "f", slow))), context(), () -> false));

        StepRecord step = ((PromotionRun) outcome.value()).steps().get(0);
        assertThat(step.status()).isEqualTo(StepStatus.Errored);
        assertThat(step.message()).contains("did not finish within 300 ms (the limit)");
        assertThat(outcome.elapsed()).isLessThan(Bounded.TIME_BOUND);
    }

    private PromotionRun run(List<ExpressionVariable> vars, Map<String, Object> config) {
        PromotionRunner runner = new PromotionRunner(StepRegistry.of(new Echo()), Clock.systemUTC());
        return runner.run(vars, List.of(step(config)), context(), () -> false);
    }

    private static PromotionStep step(Map<String, Object> config) {
        return new PromotionStep("echo", "", "", false, Optional.empty(), List.of(), JSON.valueToTree(config),
                SourceLocation.UNKNOWN);
    }

    private StepContext context() {
        Freight freight = new Freight("f00d", "", FreightOrigin.warehouse("web"), Instant.EPOCH, List.of(),
                List.of(), List.of(), List.of());
        return new StepContext("shop", "uat", "uat.1", "alice", new FreightCollection(List.of(freight)), workDir,
                CredentialsProvider.NONE, EventSink.NONE, Clock.systemUTC());
    }
}
