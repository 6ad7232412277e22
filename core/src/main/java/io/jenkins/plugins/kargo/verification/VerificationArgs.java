package io.jenkins.plugins.kargo.verification;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.api.Verification;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.FreightFunctions;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionException;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionScope;
import io.jenkins.plugins.kargo.promotion.expression.TemplateEvaluator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Resolves a Stage's verification args into the {@link AnalysisRequest#args()} of its verification, as Kargo's
 * stage controller and {@code AnalysisRunBuilder} evaluate them for an AnalysisRun
 * ({@code pkg/controller/stages/regular_stages.go}, {@code pkg/rollouts/analysis_run_builder.go}):
 * <ul>
 *   <li>The stage's {@code vars} are evaluated in order, each seeing {@code ctx} and the variables before it.</li>
 *   <li>Each argument's value is a Kargo template ({@link TemplateEvaluator}): its {@code ${{ }}} expressions see
 *       {@code ctx.project}, {@code ctx.stage}, {@code vars}, and the Freight functions ({@code imageFrom},
 *       {@code chartFrom}, {@code commitFrom}, {@code warehouse}, {@code quote} ...) over the Freight being
 *       verified; the promotion-only {@code outputs}, {@code ctx.promotion} and step-status functions are not
 *       there. The value must come out a string, as in Kargo ({@code quote(x)} makes anything one).</li>
 *   <li>An argument with an empty value is left out, as Kargo leaves it unset: the template's default applies.</li>
 *   <li>The seed's Go-template form, {@code {{ .Rollout.Status.StableRS }}}, is read from the Argo Rollouts
 *       {@code Rollout} named by the argument {@value #ROLLOUT_NAME} (else {@value #SERVICE_NAME}) in the namespace
 *       {@value #ROLLOUT_NAMESPACE} (else the project's namespace, which is the project's name), through the
 *       Kubernetes client, which is asked for only when an argument has that form.</li>
 * </ul>
 * Every failure is a {@link MeasurementException} naming the stage, the argument (or variable) with its file and
 * line, and the fix; the verification then ends in Error with that message.
 */
public final class VerificationArgs {

    /** The argument naming the Rollout that {@code {{ .Rollout... }}} reads. */
    public static final String ROLLOUT_NAME = "rollout-name";
    /** The argument naming the Rollout when {@value #ROLLOUT_NAME} is not given (the seed's canary stage has it). */
    public static final String SERVICE_NAME = "service-name";
    /** The argument naming the Rollout's namespace; without it, the project's. */
    public static final String ROLLOUT_NAMESPACE = "rollout-namespace";

    private final TemplateEvaluator templates;
    private final Supplier<KubernetesClient> kubernetes;

    /**
     * @param kubernetes the cluster holding the Rollouts; called only when an argument reads one, and not closed
     *                   here
     */
    public VerificationArgs(Supplier<KubernetesClient> kubernetes) {
        this(new TemplateEvaluator(new ExpressionEngine()), kubernetes);
    }

    public VerificationArgs(TemplateEvaluator templates, Supplier<KubernetesClient> kubernetes) {
        this.templates = templates;
        this.kubernetes = kubernetes;
    }

    /**
     * The stage's verification args by name, evaluated as described on the class; those with an empty value are
     * left out.
     *
     * @throws IllegalArgumentException when the stage has no verification
     * @throws MeasurementException     naming the stage, the argument or variable and the fix when an expression
     *                                  fails or gives no string, or a {@code {{ .Rollout... }}} cannot be read
     */
    public Map<String, String> resolve(Stage stage, FreightCollection freight)
            throws MeasurementException, InterruptedException {
        Verification verification = verification(stage);
        FreightFunctions functions = new FreightFunctions(freight, "the Freight being verified");
        Map<String, Object> vars = new LinkedHashMap<>();
        for (ExpressionVariable variable : stage.vars()) {
            try {
                vars.put(variable.name(), templates.evaluate(variable.value(), "",
                        scope(stage, vars, functions)));
            } catch (ExpressionException e) {
                throw new MeasurementException("stage " + stage.name() + " (" + stage.location().file() + "),"
                        + " variable '" + variable.name() + "' used by its verification: "
                        + FreightFunctions.explained(e, functions));
            }
        }
        ExpressionScope scope = scope(stage, vars, functions);
        Map<String, String> evaluated = new LinkedHashMap<>();
        for (Verification.Argument arg : verification.args()) {
            if (!arg.value().isEmpty()) {
                evaluated.put(arg.name(), evaluate(stage, arg, scope, functions));
            }
        }
        List<Verification.Argument> fromRollout = verification.args().stream()
                .filter(a -> evaluated.containsKey(a.name()) && RolloutFields.uses(evaluated.get(a.name()))).toList();
        if (!fromRollout.isEmpty()) {
            RolloutFields rollout = rollout(stage, evaluated, fromRollout.get(0));
            for (Verification.Argument arg : fromRollout) {
                evaluated.put(arg.name(), rollout.render(evaluated.get(arg.name()), where(stage, arg)));
            }
        }
        return Collections.unmodifiableMap(evaluated);
    }

    private String evaluate(Stage stage, Verification.Argument arg, ExpressionScope scope, FreightFunctions functions)
            throws MeasurementException, InterruptedException {
        Object value;
        try {
            value = templates.evaluate(arg.value(), "", scope);
        } catch (ExpressionException e) {
            throw new MeasurementException(where(stage, arg) + ": " + FreightFunctions.explained(e, functions));
        }
        if (value instanceof String text) {
            return text;
        }
        String given = value instanceof Number || value instanceof Boolean ? "the " + (value instanceof Number
                ? "number " : "boolean ") + value : value instanceof Map ? "an object" : value instanceof List
                ? "a list" : "null";
        throw new MeasurementException(where(stage, arg) + ": '" + arg.value() + "' gives " + given
                + ", but an analysis argument is a string; write ${{ quote(...) }} to make it one");
    }

    /**
     * A template argument's {@code valueFrom.fieldRef}, read from the Rollout the verification's arguments name (as
     * for {@code {{ .Rollout... }}}). Argo Rollouts resolves fieldRef only for runs a Rollout starts; a stage's
     * verification reads the Rollout its arguments name instead.
     */
    public String fieldRef(String project, String stage, Map<String, String> args, String fieldPath)
            throws MeasurementException, InterruptedException {
        String where = "stage " + stage + ", analysis argument with fieldRef '" + fieldPath + "'";
        String nameArg = args.containsKey(ROLLOUT_NAME) ? ROLLOUT_NAME : SERVICE_NAME;
        String name = args.get(nameArg);
        if (name == null) {
            throw new MeasurementException(where + ": no argument names the Rollout to read; add the verification arg '"
                    + ROLLOUT_NAME + "' (or '" + SERVICE_NAME + "') with the Rollout's name");
        }
        return new RolloutFields(kubernetes, args.getOrDefault(ROLLOUT_NAMESPACE, project), name,
                "the argument '" + nameArg + "'").fieldRef(fieldPath, where);
    }

    /** The Rollout the arguments name; its name and namespace must be plain values. */
    private RolloutFields rollout(Stage stage, Map<String, String> evaluated, Verification.Argument first)
            throws MeasurementException {
        String nameArg = evaluated.containsKey(ROLLOUT_NAME) ? ROLLOUT_NAME : SERVICE_NAME;
        String name = evaluated.get(nameArg);
        if (name == null) {
            throw new MeasurementException(where(stage, first) + ": '" + first.value() + "' reads a field of an Argo"
                    + " Rollouts Rollout, but no argument names it; add the verification arg '" + ROLLOUT_NAME
                    + "' (or '" + SERVICE_NAME + "') with the Rollout's name, and '" + ROLLOUT_NAMESPACE
                    + "' with its namespace if that is not " + stage.project());
        }
        String namespace = evaluated.getOrDefault(ROLLOUT_NAMESPACE, stage.project());
        for (String naming : List.of(nameArg, ROLLOUT_NAMESPACE)) {
            if (evaluated.containsKey(naming) && RolloutFields.uses(evaluated.get(naming))) {
                throw new MeasurementException("stage " + stage.name() + ", verification arg '" + naming + "' names"
                        + " the Rollout that {{ .Rollout... }} arguments read, so it cannot read the Rollout itself;"
                        + " give it a plain value");
            }
        }
        String namedBy = "the verification arg '" + nameArg + "'" + (evaluated.containsKey(ROLLOUT_NAMESPACE)
                ? " and '" + ROLLOUT_NAMESPACE + "'" : " and the project");
        return new RolloutFields(kubernetes, namespace, name, namedBy);
    }

    private static ExpressionScope scope(Stage stage, Map<String, Object> vars, FreightFunctions functions) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ctx", Map.of("project", stage.project(), "stage", stage.name()));
        variables.put("vars", Collections.unmodifiableMap(new LinkedHashMap<>(vars)));
        return new ExpressionScope(variables, functions);
    }

    private static Verification verification(Stage stage) {
        return stage.verification().orElseThrow(() -> new IllegalArgumentException("stage " + stage.name()
                + " has no verification"));
    }

    private static String where(Stage stage, Verification.Argument arg) {
        return "stage " + stage.name() + ", verification arg '" + arg.name() + "' (" + arg.location() + ")";
    }
}
