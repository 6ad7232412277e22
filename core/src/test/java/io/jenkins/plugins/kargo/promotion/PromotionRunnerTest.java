package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionRunnerTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final BooleanSupplier NEVER = () -> false;

    @TempDir
    Path workDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Echo echo = new Echo();
    private final Scripted scripted = new Scripted();

    private final Freight freight = new Freight("f00d", "brave-eagle", FreightOrigin.warehouse("web"),
            Instant.parse("2026-11-27T09:00:00Z"),
            List.of(new FreightImage("ghcr.io/acme/web", "1.4.0", "sha256:abc", Map.of(), "")),
            List.of(new FreightChart("oci://ghcr.io/acme/charts/web", "", "2.0.0", "")),
            List.of(new FreightCommit("https://git.example/acme/app.git", "deadbeef", "main", "", "fix", "a", "c", "")),
            List.of());

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // a test that interrupts its thread must not leak it into the next
    }

    private PromotionRunner runner() {
        return new PromotionRunner(StepRegistry.of(echo, scripted, new Failing(), new Throwing()), clock,
                new ExpressionEngine(), waits::add, Duration.ofMillis(100));
    }

    private StepContext context() {
        return new StepContext("shop", "staging", "staging.01abc", "alice", new FreightCollection(List.of(freight)),
                workDir, CredentialsProvider.NONE, EventSink.NONE, clock);
    }

    private static PromotionStep step(String uses, String as, String ifExpression, boolean continueOnError,
                                      PromotionStep.Retry retry, List<ExpressionVariable> vars, String configYaml) {
        try {
            JsonNode config = configYaml.isEmpty() ? YAML.createObjectNode() : YAML.readTree(configYaml);
            return new PromotionStep(uses, as, ifExpression, continueOnError, Optional.ofNullable(retry), vars,
                    config, SourceLocation.UNKNOWN);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PromotionStep step(String uses, String as, String configYaml) {
        return step(uses, as, "", false, null, List.of(), configYaml);
    }

    private PromotionRun run(List<PromotionStep> steps) {
        return runner().run(List.of(), steps, context(), NEVER);
    }

    @Test
    void aStepThatSkipsItselfStillHandsItsOutputOn() {
        scripted.results(new StepResult(StepStatus.Skipped, Map.of("commit", "abc123"), "nothing to commit"));
        PromotionRun run = run(List.of(
                step("scripted", "commit", "{}"),
                step("echo", "push", """
                        commit: ${{ outputs.commit.commit }}
                        """)));

        assertThat(run.phase()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(run.steps()).extracting(StepRecord::status).containsExactly(StepStatus.Skipped, StepStatus.Succeeded);
        assertThat(run.steps().get(1).output()).isEqualTo(Map.of("commit", "abc123"));
    }

    @Test
    void varsContextAndOutputsFlowIntoLaterSteps() {
        List<ExpressionVariable> templateVars = List.of(
                new ExpressionVariable("repo", "ghcr.io/acme/web"),
                new ExpressionVariable("branch", "stage/${{ ctx.stage }}"));
        List<PromotionStep> steps = List.of(
                step("echo", "first", """
                        image: ${{ vars.repo }}:${{ imageFrom(vars.repo).Tag }}
                        digest: ${{ imageFrom(vars.repo).Digest }}
                        chart: ${{ chartFrom('oci://ghcr.io/acme/charts/web').Version }}
                        commit: ${{ commitFrom('https://git.example/acme/app.git').ID }}
                        branch: ${{ vars.branch }}
                        """),
                step("echo", "", "", false, null, List.of(new ExpressionVariable("suffix", "-${{ ctx.meta.step.alias }}")),
                        """
                        fromFirst: ${{ outputs.first.image }}${{ vars.suffix }}
                        context: ${{ ctx.project }}/${{ ctx.promotion }}/${{ ctx.targetFreight.name }}/${{ ctx.targetFreight.alias }}
                        origin: ${{ ctx.targetFreight.origin.name }}
                        actor: ${{ ctx.meta.promotion.actor }}
                        number: ${{ 40 + 2 }}
                        """),
                step("echo", "last", """
                        previous: ${{ outputs['step-2'].number + 1 }}
                        """));

        PromotionRun run = runner().run(templateVars, steps, context(), NEVER);

        assertThat(run.phase()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(run.message()).isEmpty();
        assertThat(run.steps()).extracting(StepRecord::alias).containsExactly("first", "step-2", "last");
        assertThat(run.steps().get(0).output()).isEqualTo(Map.of(
                "image", "ghcr.io/acme/web:1.4.0", "digest", "sha256:abc", "chart", "2.0.0", "commit", "deadbeef",
                "branch", "stage/staging"));
        assertThat(run.steps().get(1).output()).isEqualTo(Map.of(
                "fromFirst", "ghcr.io/acme/web:1.4.0-step-2",
                "context", "shop/staging.01abc/f00d/brave-eagle",
                "origin", "web", "actor", "alice", "number", 42));
        assertThat(run.steps().get(2).output()).isEqualTo(Map.of("previous", 43));
        assertThat(run.steps()).allSatisfy(r -> {
            assertThat(r.uses()).isEqualTo("echo");
            assertThat(r.status()).isEqualTo(StepStatus.Succeeded);
            assertThat(r.started()).isNotNull();
            assertThat(r.finished()).isAfterOrEqualTo(r.started());
        });
    }

    @Test
    void afterAFailureOnlyStepsWhoseIfAllowsItRun() {
        List<PromotionStep> steps = List.of(
                step("fail", "refused", ""),
                step("echo", "skippedByDefault", "ran: true"),
                step("echo", "onFailure", "${{ failure() }}", false, null, List.of(),
                        "status: ${{ status('refused') }}\nskipped: ${{ status('skippedByDefault') }}"),
                step("echo", "onSuccess", "${{ success() }}", false, null, List.of(), "ran: true"),
                step("echo", "cleanup", "always()", false, null, List.of(), "ran: true"));

        PromotionRun run = run(steps);

        assertThat(run.phase()).isEqualTo(PromotionPhase.Failed);
        assertThat(run.message()).isEqualTo("step 'refused' (fail): refused on purpose");
        assertThat(run.steps()).extracting(StepRecord::status).containsExactly(StepStatus.Failed,
                StepStatus.Skipped, StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Succeeded);
        assertThat(run.steps().get(2).output()).isEqualTo(Map.of("status", "Failed", "skipped", "Skipped"));
        assertThat(echo.configs).hasSize(2);
    }

    @Test
    void continueOnErrorKeepsAFailureFromTheOutcome() {
        List<PromotionStep> steps = List.of(
                step("throw", "flaky", "", true, null, List.of(), ""),
                step("echo", "next", "ok: ${{ success() }}"));

        PromotionRun run = run(steps);

        assertThat(run.phase()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(run.steps().get(0).status()).isEqualTo(StepStatus.Errored);
        assertThat(run.steps().get(0).message()).isEqualTo("IllegalStateException: thrown on purpose");
        assertThat(run.steps().get(1).output()).isEqualTo(Map.of("ok", true));
    }

    @Test
    void anIfSayingFalseSkipsAndANonBooleanIfIsAnError() {
        List<PromotionStep> steps = List.of(
                step("echo", "no", "${{ ctx.stage == 'production' }}", false, null, List.of(), "ran: true"),
                step("echo", "yes", "${{ ctx.stage == 'staging' }}", false, null, List.of(), "ran: true"),
                step("echo", "bad", "${{ ctx.stage }}", false, null, List.of(), "ran: true"));

        PromotionRun run = run(steps);

        assertThat(run.steps()).extracting(StepRecord::status)
                .containsExactly(StepStatus.Skipped, StepStatus.Succeeded, StepStatus.Errored);
        assertThat(run.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(run.message()).isEqualTo("step 'bad' (echo): field if: expression '${{ ctx.stage }}': gives 'staging', "
                + "but 'if' needs true or false");
    }

    @Test
    void anExpressionErrorNamesStepFieldAndExpressionAndExplainsMissingArtifacts() {
        PromotionRun run = run(List.of(step("echo", "update", """
                images:
                - tag: ${{ imageFrom('ghcr.io/acme/api').Tag }}
                """)));

        assertThat(run.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(run.message())
                .startsWith("step 'update' (echo): field config.images[0].tag: expression "
                        + "'imageFrom('ghcr.io/acme/api').Tag': ")
                .endsWith("(imageFrom('ghcr.io/acme/api') found nothing; the Freight being promoted has images "
                        + "from: ghcr.io/acme/web)");
        assertThat(echo.configs).isEmpty();
    }

    @Test
    void aBadTemplateVariableStopsBeforeAnyStep() {
        PromotionRun run = runner().run(List.of(new ExpressionVariable("x", "${{ outputs.any }}")),
                List.of(step("echo", "a", "ran: true")), context(), NEVER);

        assertThat(run.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(run.steps()).isEmpty();
        assertThat(run.message()).startsWith("promotion template variable 'x': field vars.x: expression 'outputs.any'")
                .contains("outputs");
        assertThat(echo.configs).isEmpty();
    }

    @Test
    void unknownStepsAndDuplicateAliasesAreRefusedBeforeAnythingRuns() {
        PromotionRun run = run(List.of(
                step("echo", "a", "ran: true"),
                step("argocd-updat", "", ""),
                step("echo", "a", "ran: true")));

        assertThat(run.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(run.steps()).isEmpty();
        assertThat(run.message()).isEqualTo("step 'step-2' uses unknown step kind 'argocd-updat'; known steps: "
                + "echo, fail, scripted, throw; two steps have the alias 'a'; give each step its own 'as'; "
                + "no step was run");
        assertThat(echo.configs).isEmpty();
    }

    @Test
    void errorsAreRetriedUpToTheThresholdWithGrowingBackoff() {
        scripted.results(StepResult.errored("503 from server"), StepResult.errored("503 again"),
                StepResult.succeeded(Map.of("attempt", 3), "done"));

        PromotionRun run = run(List.of(step("scripted", "call", "", false,
                new PromotionStep.Retry(Optional.empty(), 3), List.of(), "")));

        assertThat(run.phase()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(scripted.calls).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(run.steps().get(0).output()).isEqualTo(Map.of("attempt", 3));
    }

    @Test
    void theThresholdEndsRetries() {
        scripted.results(StepResult.errored("one"), StepResult.errored("two"), StepResult.succeeded(Map.of(), ""));

        PromotionRun run = run(List.of(step("scripted", "call", "", false,
                new PromotionStep.Retry(Optional.empty(), 2), List.of(), "")));

        assertThat(run.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(scripted.calls).isEqualTo(2);
        assertThat(run.message()).isEqualTo("step 'call' (scripted): met error threshold of 2: two");
    }

    @Test
    void withoutRetryAnErrorIsFinalAndAFailureIsNeverRetried() {
        scripted.results(StepResult.errored("boom"), StepResult.succeeded(Map.of(), ""));
        PromotionRun errored = run(List.of(step("scripted", "once", "")));
        assertThat(errored.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(errored.message()).isEqualTo("step 'once' (scripted): boom");
        assertThat(scripted.calls).isEqualTo(1);

        PromotionRun failed = run(List.of(step("fail", "refused", "", false,
                new PromotionStep.Retry(Optional.empty(), 5), List.of(), "")));
        assertThat(failed.phase()).isEqualTo(PromotionPhase.Failed);
        assertThat(waits).isEmpty();
    }

    @Test
    void theRetryTimeoutEndsRetries() {
        scripted.onCall = () -> clock.advance(Duration.ofMinutes(1));
        scripted.results(StepResult.errored("not ready"), StepResult.errored("not ready"),
                StepResult.errored("not ready"), StepResult.succeeded(Map.of(), ""));

        PromotionRun run = run(List.of(step("scripted", "wait", "", false,
                new PromotionStep.Retry(Optional.of(Duration.ofSeconds(90)), 10), List.of(), "")));

        assertThat(run.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(scripted.calls).isEqualTo(2);
        assertThat(run.message()).isEqualTo("step 'wait' (scripted): timed out after PT1M30S: not ready");
        assertThat(run.steps().get(0).finished()).isEqualTo(run.steps().get(0).started().plus(Duration.ofMinutes(2)));
    }

    @Test
    void anAbortStopsBeforeTheNextStep() {
        AtomicBoolean abort = new AtomicBoolean();
        scripted.onCall = () -> abort.set(true);
        scripted.results(StepResult.succeeded(Map.of(), "first done"));
        List<StepRecord> told = new ArrayList<>();

        PromotionRun run = runner().run(List.of(), List.of(
                step("scripted", "first", ""), step("echo", "second", "ran: true"), step("echo", "third", "")),
                context(), abort::get, told::add);

        assertThat(run.phase()).isEqualTo(PromotionPhase.Aborted);
        assertThat(run.steps()).extracting(StepRecord::alias, StepRecord::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first", StepStatus.Succeeded),
                org.assertj.core.groups.Tuple.tuple("second", StepStatus.Aborted));
        assertThat(told).isEqualTo(run.steps());
        assertThat(echo.configs).isEmpty();
    }

    @Test
    void anAbortDuringRetriesStopsThem() {
        AtomicBoolean abort = new AtomicBoolean();
        scripted.onCall = () -> abort.set(true);
        scripted.results(StepResult.errored("not yet"), StepResult.succeeded(Map.of(), ""));

        PromotionRun run = runner().run(List.of(), List.of(step("scripted", "poll", "", false,
                new PromotionStep.Retry(Optional.empty(), 5), List.of(), "")), context(), abort::get);

        assertThat(run.phase()).isEqualTo(PromotionPhase.Aborted);
        assertThat(scripted.calls).isEqualTo(1);
        assertThat(run.steps().get(0).message()).isEqualTo("promotion aborted while retrying: not yet");
    }

    @Test
    void anInterruptedThreadAbortsTheRunAndKeepsItsFlag() {
        scripted.onCall = () -> Thread.currentThread().interrupt();
        scripted.results(StepResult.succeeded(Map.of(), ""));

        PromotionRun run = run(List.of(step("scripted", "first", ""), step("echo", "second", "ran: true")));

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(run.phase()).isEqualTo(PromotionPhase.Aborted);
        assertThat(run.message()).isEqualTo("interrupted");
        assertThat(run.steps()).extracting(StepRecord::alias).containsExactly("first");
        assertThat(echo.configs).isEmpty();
    }

    @Test
    void aStepInterruptedWhileRunningIsRecordedAsAborted() {
        PromotionRunner runner = new PromotionRunner(StepRegistry.of(echo, new Interrupted()), clock,
                new ExpressionEngine(), waits::add, Duration.ofMillis(100));

        PromotionRun run = runner.run(List.of(), List.of(step("echo", "first", "ran: true"),
                step("interrupted", "waiting", ""), step("echo", "third", "ran: true")), context(), NEVER);

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(run.phase()).isEqualTo(PromotionPhase.Aborted);
        assertThat(run.steps()).extracting(StepRecord::alias, StepRecord::status, StepRecord::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first", StepStatus.Succeeded, "echoed"),
                org.assertj.core.groups.Tuple.tuple("waiting", StepStatus.Aborted, "interrupted"));
        assertThat(echo.configs).hasSize(1);
    }

    @Test
    void anEmptyPromotionSucceeds() {
        assertThat(run(List.of()).phase()).isEqualTo(PromotionPhase.Succeeded);
    }

    /** Succeeds with its evaluated configuration as output. */
    static final class Echo implements PromotionStepRunner {
        final List<JsonNode> configs = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "echo";
        }

        @Override
        @SuppressWarnings("unchecked")
        public StepResult run(StepContext context, JsonNode config) {
            configs.add(config);
            return StepResult.succeeded(YAML.convertValue(config, Map.class), "echoed");
        }
    }

    /** Returns the results it was given, in order, running a hook on each call. */
    static final class Scripted implements PromotionStepRunner {
        final Deque<StepResult> results = new ArrayDeque<>();
        Runnable onCall = () -> { };
        int calls;

        void results(StepResult... next) {
            results.addAll(List.of(next));
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public StepResult run(StepContext context, JsonNode config) {
            calls++;
            onCall.run();
            return results.removeFirst();
        }
    }

    /** Interrupted while it waits, as a step blocked in I/O or a lock would be when the lifecycle shuts down. */
    static final class Interrupted implements PromotionStepRunner {
        @Override
        public String name() {
            return "interrupted";
        }

        @Override
        public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
            Thread.currentThread().interrupt();
            throw new InterruptedException("shutting down");
        }
    }

    static final class Failing implements PromotionStepRunner {
        @Override
        public String name() {
            return "fail";
        }

        @Override
        public StepResult run(StepContext context, JsonNode config) {
            return StepResult.failed("refused on purpose");
        }
    }

    static final class Throwing implements PromotionStepRunner {
        @Override
        public String name() {
            return "throw";
        }

        @Override
        public StepResult run(StepContext context, JsonNode config) {
            throw new IllegalStateException("thrown on purpose");
        }
    }

    /** A clock that tests move forward. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
