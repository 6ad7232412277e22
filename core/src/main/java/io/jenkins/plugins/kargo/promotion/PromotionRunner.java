package io.jenkins.plugins.kargo.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.PromotionTask;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.net.Sleeper;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionException;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionScope;
import io.jenkins.plugins.kargo.promotion.expression.TemplateEvaluator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs the steps of one promotion, in order, as Kargo's promotion engine does:
 * <ol>
 *   <li>The template's {@code vars} are evaluated in order (each sees {@code ctx} and the variables before it).</li>
 *   <li>For each step: its alias is its {@code as}, or {@code step-N} (1-based). Its own {@code vars} are evaluated
 *       (they also see {@code outputs}); then its {@code if}: without one, the step runs only if no earlier step
 *       Failed or Errored ({@code continueOnError} steps aside); with one, it runs when the expression is
 *       {@code true} ({@code success()}, {@code failure()}, {@code always()}, {@code status('alias')} help). Then
 *       {@code ${{ }}} in its {@code config} are evaluated and the step runs.</li>
 *   <li>A step that Errors (returns Errored or throws) is run again after a backoff until
 *       {@code retry.errorThreshold} consecutive errors (default 1: no retry) or until {@code retry.timeout} has
 *       passed since it started. A Failed step is never retried: it was refused, not broken.</li>
 *   <li>Its output becomes {@code outputs.<alias>} for the steps after it, also when the step itself ended
 *       Skipped (git-commit with nothing to commit still names the commit).</li>
 *   <li>The promotion's phase is the worst status of the steps without {@code continueOnError}: Succeeded (and
 *       Skipped) &lt; Aborted &lt; Failed &lt; Errored.</li>
 * </ol>
 * An expression error, in a step's {@code vars}, {@code if} or {@code config}, makes that step Errored with a message
 * naming the step, the field and the expression; later steps still get their {@code if} evaluated (an
 * {@code always()} clean-up step still runs). Before anything runs, every {@code uses:} is checked: an unknown one
 * (or two steps with one alias) makes the promotion Errored without running any step, naming the known steps.
 * <p>
 * Aborting: {@code aborted} is asked before each step and before each retry; when it says yes the run stops with
 * phase Aborted. An interrupted thread does the same (message {@code interrupted}) and keeps its interrupt flag set,
 * so the caller can tell a shutdown from a user's abort.
 * <p>
 * Expressions see {@code ctx} ({@code project}, {@code stage}, {@code promotion}, {@code targetFreight.name},
 * {@code .alias}, {@code .origin.name}, {@code meta.promotion.actor}, {@code meta.step.alias}), {@code vars} and
 * {@code outputs}; {@code ctx.targetFreight} is the first Freight of the step context's collection. Thread-safe: a
 * runner may run promotions of several stages at once.
 */
public final class PromotionRunner {

    private static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The shortest wait before a Running step is asked again (Kargo's controller waits at least 10 s). */
    static final Duration MIN_POLL = Duration.ofSeconds(1);

    private final StepRegistry registry;
    private final Clock clock;
    private final TemplateEvaluator templates;
    private final Sleeper sleeper;
    private final Duration firstBackoff;

    /** A runner with a 10 s expression time bound and retries that wait 1 s, doubling up to 30 s. */
    public PromotionRunner(StepRegistry registry, Clock clock) {
        this(registry, clock, new ExpressionEngine(), Sleeper.SYSTEM, DEFAULT_FIRST_BACKOFF);
    }

    /**
     * @param sleeper      waits between retries (tests record the waits instead)
     * @param firstBackoff the wait before the first retry; it doubles for each further one, up to 30 s
     */
    public PromotionRunner(StepRegistry registry, Clock clock, ExpressionEngine expressions, Sleeper sleeper,
                           Duration firstBackoff) {
        this.registry = registry;
        this.clock = clock;
        this.templates = new TemplateEvaluator(expressions);
        this.sleeper = sleeper;
        this.firstBackoff = firstBackoff;
    }

    public PromotionRun run(List<ExpressionVariable> templateVars, List<PromotionStep> steps, StepContext context,
                            BooleanSupplier aborted) {
        return run(templateVars, steps, context, aborted, record -> { });
    }

    /**
     * Runs {@code steps} as described on the class.
     *
     * @param onStep told of each step's record as soon as the step has ended (to persist the step log as it grows)
     */
    public PromotionRun run(List<ExpressionVariable> templateVars, List<PromotionStep> steps, StepContext context,
                            BooleanSupplier aborted, Consumer<StepRecord> onStep) {
        List<String> aliases = aliases(steps);
        String problem = checkSteps(steps, aliases);
        if (problem != null) {
            return new PromotionRun(PromotionPhase.Errored, List.of(), problem + "; no step was run");
        }
        Execution execution = new Execution(context, aborted, onStep);
        try {
            PromotionFunctions functions = execution.functions();
            for (ExpressionVariable variable : templateVars) {
                try {
                    execution.vars.put(variable.name(), templates.evaluate(variable.value(), "vars." + variable.name(),
                            execution.scope("", execution.vars, false, functions)));
                } catch (ExpressionException e) {
                    return new PromotionRun(PromotionPhase.Errored, List.of(),
                            "promotion template variable '" + variable.name() + "': "
                                    + FreightFunctions.explained(e, functions));
                }
            }
            for (int i = 0; i < steps.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                if (aborted.getAsBoolean()) {
                    execution.abort(steps.get(i), aliases.get(i));
                    break;
                }
                StepRecord record = runStep(steps.get(i), aliases.get(i), execution);
                execution.add(steps.get(i), record);
                if (record.status() == StepStatus.Aborted) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            execution.interrupted = true;
        }
        return execution.finish();
    }

    private StepRecord runStep(PromotionStep step, String alias, Execution execution) throws InterruptedException {
        Instant started = clock.instant();
        PromotionFunctions functions = execution.functions();
        try {
            Map<String, Object> stepVars = new LinkedHashMap<>(execution.vars);
            for (ExpressionVariable variable : step.vars()) {
                stepVars.put(variable.name(), templates.evaluate(variable.value(), "vars." + variable.name(),
                        execution.scope(alias, stepVars, true, functions)));
            }
            ExpressionScope scope = execution.scope(alias, stepVars, true, functions);
            if (step.ifExpression().isEmpty() ? execution.failures : !condition(step.ifExpression(), scope)) {
                String why = step.ifExpression().isEmpty() ? "skipped: an earlier step failed" : "skipped: 'if' is false";
                return new StepRecord(alias, step.uses(), StepStatus.Skipped, why, Map.of(), started, clock.instant());
            }
            JsonNode config = templates.evaluate(step.config(), "config", scope);
            PromotionStepRunner runner = registry.find(step.uses()).orElseThrow();
            StepResult result = attempt(runner, step, alias, config, execution, started);
            // a step that chose to skip (git-commit with nothing to commit) still reports what it found, as in Kargo
            boolean keepsOutput = result.status() == StepStatus.Succeeded || result.status() == StepStatus.Skipped;
            return new StepRecord(alias, step.uses(), result.status(), result.message(),
                    keepsOutput ? result.output() : Map.of(), started, clock.instant());
        } catch (ExpressionException e) {
            return new StepRecord(alias, step.uses(), StepStatus.Errored, FreightFunctions.explained(e, functions),
                    Map.of(), started, clock.instant());
        } catch (InterruptedException e) {
            execution.add(step, new StepRecord(alias, step.uses(), StepStatus.Aborted, "interrupted", Map.of(),
                    started, clock.instant()));
            throw e;
        }
    }

    private boolean condition(String expression, ExpressionScope scope) throws InterruptedException {
        // Kargo writes if: ${{ ... }}; a bare expression, as in GitHub Actions, means the same
        Object value = TemplateEvaluator.containsExpression(expression)
                ? templates.evaluate(expression, "if", scope)
                : templates.engine().evaluate(expression, scope);
        if (value instanceof Boolean decision) {
            return decision;
        }
        throw new ExpressionException(expression, "if", "gives " + (value == null ? "null" : "'" + value + "'")
                + ", but 'if' needs true or false");
    }

    /** Runs the step, and again after a backoff while it errors within its retry policy. */
    private StepResult attempt(PromotionStepRunner runner, PromotionStep step, String alias, JsonNode config,
                               Execution execution, Instant started) throws InterruptedException {
        int threshold = step.retry().map(PromotionStep.Retry::errorThreshold).filter(n -> n > 0).orElse(1);
        Duration timeout = step.retry().flatMap(PromotionStep.Retry::timeout).orElse(null);
        Retry.AsyncContext<StepResult> retry = Retry.of(alias, RetryConfig.<StepResult>custom()
                .maxAttempts(threshold)
                .retryOnResult(r -> r.status() == StepStatus.Errored)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2.0, MAX_BACKOFF))
                .build()).asyncContext();
        while (true) {
            StepResult result = once(runner, config, execution.context);
            if (result.status() == StepStatus.Running) {
                // waiting for something outside: asked again after its poll interval, within the step's timeout
                if (timeout != null && Duration.between(started, clock.instant()).compareTo(timeout) > 0) {
                    return StepResult.errored("timed out after " + timeout + " while running: " + result.message());
                }
                if (execution.aborted.getAsBoolean()) {
                    return new StepResult(StepStatus.Aborted, Map.of(), "promotion aborted while the step was"
                            + " running: " + result.message());
                }
                Duration poll = result.pollInterval() == null || result.pollInterval().compareTo(MIN_POLL) < 0
                        ? MIN_POLL : result.pollInterval();
                execution.context.log().info("step '" + alias + "' is running, looking again in " + poll.toSeconds()
                        + " s: " + result.message());
                sleeper.sleep(poll);
                continue;
            }
            long delayMillis = retry.onResult(result);
            if (delayMillis < 0) {
                return threshold > 1 && result.status() == StepStatus.Errored
                        ? StepResult.errored("met error threshold of " + threshold + ": " + result.message())
                        : result;
            }
            if (timeout != null && Duration.between(started, clock.instant()).compareTo(timeout) > 0) {
                return StepResult.errored("timed out after " + timeout + ": " + result.message());
            }
            if (execution.aborted.getAsBoolean()) {
                return new StepResult(StepStatus.Aborted, Map.of(), "promotion aborted while retrying: "
                        + result.message());
            }
            execution.context.log().info("step '" + alias + "' errored, retrying in " + delayMillis + " ms: "
                    + result.message());
            sleeper.sleep(Duration.ofMillis(delayMillis));
        }
    }

    private static StepResult once(PromotionStepRunner runner, JsonNode config, StepContext context)
            throws InterruptedException {
        try {
            StepResult result = runner.run(context, config);
            return result == null ? StepResult.errored("the step returned no result") : result;
        } catch (RuntimeException e) {
            // a step's bug or an unexpected failure is a technical error; the message is the step's own
            return StepResult.errored(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static List<String> aliases(List<PromotionStep> steps) {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            aliases.add(steps.get(i).as().isEmpty() ? "step-" + (i + 1) : steps.get(i).as());
        }
        return aliases;
    }

    /** Unknown kinds and reused aliases, found before anything runs; null when there are none. */
    private String checkSteps(List<PromotionStep> steps, List<String> aliases) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            PromotionStep step = steps.get(i);
            if (!registry.knows(step.uses())) {
                problems.add("step '" + aliases.get(i) + "' uses unknown step kind '" + step.uses()
                        + "'; known steps: " + String.join(", ", registry.names()));
            }
            if (!seen.add(aliases.get(i))) {
                problems.add("two steps have the alias '" + aliases.get(i) + "'; give each step its own 'as'");
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static Map<String, Object> ctx(StepContext context, String alias) {
        Map<String, Object> target = new LinkedHashMap<>();
        if (!context.freight().items().isEmpty()) {
            Freight freight = context.freight().items().get(0);
            target.put("name", freight.name());
            target.put("alias", freight.alias() == null ? "" : freight.alias());
            target.put("origin", Map.of("kind", freight.origin().kind(), "name", freight.origin().name()));
        }
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("project", context.project());
        ctx.put("stage", context.stage());
        ctx.put("promotion", context.promotion());
        ctx.put("targetFreight", target);
        ctx.put("meta", Map.of("promotion", Map.of("actor", context.actor() == null ? "" : context.actor()),
                "step", Map.of("alias", alias)));
        return ctx;
    }

    /** The state of one run: variables, outputs, what each step did. */
    private final class Execution {
        final StepContext context;
        final BooleanSupplier aborted;
        final Consumer<StepRecord> onStep;
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Map<String, Object> outputs = new LinkedHashMap<>();
        final Map<String, StepStatus> statuses = new LinkedHashMap<>();
        final List<StepRecord> records = new ArrayList<>();
        final List<Boolean> continueOnError = new ArrayList<>();
        boolean failures;
        boolean interrupted;
        boolean abortedRun;

        Execution(StepContext context, BooleanSupplier aborted, Consumer<StepRecord> onStep) {
            this.context = context;
            this.aborted = aborted;
            this.onStep = onStep;
        }

        /** Functions that see the steps finished so far. */
        PromotionFunctions functions() {
            return new PromotionFunctions(context.freight(), statuses, failures);
        }

        ExpressionScope scope(String alias, Map<String, Object> visibleVars, boolean withOutputs,
                              PromotionFunctions functions) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("ctx", ctx(context, alias));
            variables.put("vars", Collections.unmodifiableMap(new LinkedHashMap<>(visibleVars)));
            if (withOutputs) {
                variables.put("outputs", new LinkedHashMap<>(outputs));
                taskNamespace(alias).ifPresent(task -> variables.put("task", Map.of("outputs", taskOutputs(task))));
            }
            return new ExpressionScope(variables, functions);
        }

        /** {@code task.outputs}: the outputs of the steps placed by the same task step, by their own aliases. */
        Map<String, Object> taskOutputs(String task) {
            Map<String, Object> ofTask = new LinkedHashMap<>();
            outputs.forEach((alias, output) -> taskNamespace(alias).filter(task::equals).ifPresent(t ->
                    ofTask.put(alias.substring(task.length() + PromotionTask.ALIAS_SEPARATOR.length()), output)));
            return ofTask;
        }

        void add(PromotionStep step, StepRecord record) {
            records.add(record);
            continueOnError.add(step.continueOnError());
            statuses.put(record.alias(), record.status());
            outputs.put(record.alias(), record.output());
            boolean propagates = registry.find(step.uses()).map(PromotionStepRunner::propagatesOutputToTask)
                    .orElse(false);
            if (propagates) {
                taskNamespace(record.alias()).ifPresent(task -> {
                    Map<String, Object> composed = new LinkedHashMap<>(outputs.get(task) instanceof Map<?, ?> earlier
                            ? castOutput(earlier) : Map.of());
                    composed.putAll(record.output());
                    outputs.put(task, composed);
                });
            }
            boolean failed = record.status() == StepStatus.Failed || record.status() == StepStatus.Errored;
            failures |= failed && !step.continueOnError();
            abortedRun |= record.status() == StepStatus.Aborted;
            context.log().info("step '" + record.alias() + "' (" + record.uses() + "): " + record.status()
                    + (record.message().isEmpty() ? "" : ": " + record.message()));
            onStep.accept(record);
        }

        void abort(PromotionStep step, String alias) {
            Instant now = clock.instant();
            add(step, new StepRecord(alias, step.uses(), StepStatus.Aborted, "promotion aborted before this step",
                    Map.of(), now, now));
        }

        PromotionRun finish() {
            if (interrupted || abortedRun) {
                return new PromotionRun(PromotionPhase.Aborted, records, interrupted ? "interrupted" : "aborted");
            }
            StepRecord worst = null;
            for (int i = 0; i < records.size(); i++) {
                if (!continueOnError.get(i) && (worst == null || severity(records.get(i).status()) > severity(worst.status()))) {
                    worst = records.get(i);
                }
            }
            if (worst == null || severity(worst.status()) <= severity(StepStatus.Skipped)) {
                return new PromotionRun(PromotionPhase.Succeeded, records, "");
            }
            PromotionPhase phase = worst.status() == StepStatus.Failed ? PromotionPhase.Failed : PromotionPhase.Errored;
            return new PromotionRun(phase, records, "step '" + worst.alias() + "' (" + worst.uses() + "): "
                    + worst.message());
        }
    }

    /** The task step's alias of a step a promotion task placed ({@code task::step}), as Kargo splits it. */
    private static Optional<String> taskNamespace(String alias) {
        String[] parts = alias.split(java.util.regex.Pattern.quote(PromotionTask.ALIAS_SEPARATOR), -1);
        return parts.length == 2 ? Optional.of(parts[0]) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castOutput(Map<?, ?> output) {
        return (Map<String, Object>) output;
    }

    /** Kargo's order of step statuses, least to most severe. */
    private static int severity(StepStatus status) {
        return switch (status) {
            case Succeeded -> 0;
            case Skipped -> 1;
            case Aborted, Running -> 3;
            case Failed -> 4;
            case Errored -> 5;
        };
    }
}
