package io.jenkins.plugins.kargo.expr.kargo;

import io.jenkins.plugins.kargo.expr.Budget;
import io.jenkins.plugins.kargo.expr.Expression;
import io.jenkins.plugins.kargo.expr.ExpressionException;
import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.expr.Splice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Kargo project holds expressions, and what each place may use: the variables and functions (besides
 * expr-lang's built-ins) of promotion steps, verification arguments, a step's expression fields and analysis
 * conditions. {@code kargo apply} checks every expression against this, so a syntax error, an unknown function or
 * variable, or nesting beyond the limit is an apply error with file, line and field; the libraries that implement
 * the functions are tested to define exactly these names.
 */
public final class KargoExpressions {

    /** A place expressions are written, with what they see there. */
    public enum Context {
        /** A step's {@code config}, {@code vars}, {@code if}, and the promotion template's {@code vars} ({@code task}: in a PromotionTask's steps). */
        PROMOTION(Set.of("ctx", "vars", "outputs", "task"), union(VALUE, FREIGHT, PROJECT_DATA, SEMVER, STEP_STATUS)),
        /** A stage's verification {@code args} (and the stage's {@code vars} they see). */
        VERIFICATION_ARGS(Set.of("ctx", "vars"), union(VALUE, FREIGHT, PROJECT_DATA, SEMVER)),
        /** An {@code http} step's {@code successExpression}, {@code failureExpression}, outputs, ... */
        HTTP_RESPONSE(Set.of("response"), VALUE),
        /** An analysis metric's {@code successCondition} and {@code failureCondition} (Argo Rollouts). */
        ANALYSIS_CONDITION(Set.of("result"), ARGO),
        /** A warehouse's {@code freightCreationCriteria.expression}, over the Freight of the newest artifacts. */
        FREIGHT_CREATION(Set.of(), FREIGHT);

        private final Set<String> variables;
        private final Set<String> functions;

        Context(Set<String> variables, Set<String> functions) {
            this.variables = variables;
            this.functions = functions;
        }

        public Set<String> variables() {
            return variables;
        }

        /** The functions callable here besides expr-lang's built-ins. */
        public Set<String> functions() {
            return functions;
        }
    }

    /** Kargo's value functions ({@link ValueFunctions}). */
    public static final Set<String> VALUE = Set.of("quote", "unsafeQuote", "asJSON", "asYAML");
    /** Kargo's Freight functions over the Freight being promoted or verified. */
    public static final Set<String> FREIGHT = Set.of("imageFrom", "chartFrom", "commitFrom", "artifactFrom",
            "warehouse");
    /** Kargo's functions over project data ({@link ProjectData}). */
    public static final Set<String> PROJECT_DATA = Set.of("secret", "sharedSecret", "configMap", "sharedConfigMap",
            "freightMetadata", "stageMetadata");
    /** Kargo's semantic-version functions. */
    public static final Set<String> SEMVER = Set.of("semverParse", "semverDiff");
    /** Kargo's functions over the steps finished so far. */
    public static final Set<String> STEP_STATUS = Set.of("success", "failure", "always", "status");
    /** Argo Rollouts' condition functions. */
    public static final Set<String> ARGO = Set.of("isNaN", "isInf", "isNil", "default", "asInt", "asFloat");

    /** Argo Rollouts' argument placeholder, {@code {{ args.NAME }}}. */
    public static final Pattern ANALYSIS_ARG = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z0-9_.-]+)\\s*}}");

    /**
     * A step's expression fields: paths in its {@code config} whose values are expressions the step evaluates
     * itself ({@code []} for any list index), and the context they are evaluated in.
     */
    public record ExpressionFields(Set<String> paths, Context context) {
    }

    private static final Map<String, ExpressionFields> EXPRESSION_FIELDS = Map.of("http", new ExpressionFields(
            Set.of("successExpression", "failureExpression", "errorExpression", "outputs[].fromExpression"),
            Context.HTTP_RESPONSE));

    private KargoExpressions() {
    }

    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Collections.unmodifiableSet(all);
    }

    /**
     * The expression fields of {@code step} (none for most steps); their {@code ${{ }}} are spliced in as values
     * ({@link TemplateEvaluator#splice}).
     */
    public static ExpressionFields expressionFields(String step) {
        return EXPRESSION_FIELDS.getOrDefault(step, new ExpressionFields(Set.of(), Context.PROMOTION));
    }

    /**
     * Checks a configuration value that may hold {@code ${{ }}} templates.
     *
     * @throws ExpressionException when a template is not closed, an expression does not parse or is nested too
     *                             deeply, or it names a variable or function unknown in {@code context}
     */
    public static void checkTemplate(String text, Context context, Limits limits) {
        if (Template.holdsExpression(text)) {
            for (Expression expression : Template.parse(text, limits).expressions()) {
                check(expression, context);
            }
        }
    }

    /** Checks a step's {@code if}: a template, or (as this product also accepts) a bare expression. */
    public static void checkCondition(String text, Context context, Limits limits) {
        if (Template.holdsExpression(text)) {
            checkTemplate(text, context, limits);
        } else {
            check(Expression.parse(text, limits), context);
        }
    }

    /**
     * Checks an expression field of a step: its {@code ${{ }}} in {@code outer}, and the expression the step
     * evaluates (with each {@code ${{ }}} standing for a value) in {@code inner}.
     */
    public static void checkExpressionField(String text, Context outer, Context inner, Limits limits) {
        List<Splice.Placeholder> placeholders = new ArrayList<>();
        if (Template.holdsExpression(text)) {
            for (Template.Part part : Template.parse(text, limits).parts()) {
                if (part.isExpression()) {
                    check(part.expression(), outer);
                    placeholders.add(new Splice.Placeholder(part.start(), part.end(), "x"));
                }
            }
        }
        check(Expression.parse(Splice.substitute(text, placeholders, Budget.start(limits)), limits), inner);
    }

    /** Checks an analysis condition, each {@code {{ args.NAME }}} standing for a value. */
    public static void checkAnalysisCondition(String text, Limits limits) {
        List<Splice.Placeholder> placeholders = new ArrayList<>();
        Matcher m = ANALYSIS_ARG.matcher(text);
        while (m.find()) {
            placeholders.add(new Splice.Placeholder(m.start(), m.end(), "x"));
        }
        check(Expression.parse(Splice.substitute(text, placeholders, Budget.start(limits)), limits),
                Context.ANALYSIS_CONDITION);
    }

    private static void check(Expression expression, Context context) {
        for (String function : expression.functionsCalled()) {
            if (!context.functions().contains(function)) {
                throw new ExpressionException(expression.source(), "", "unknown function " + function + "();"
                        + " besides expr-lang's built-ins, the functions here are "
                        + String.join(", ", new TreeSet<>(context.functions())));
            }
        }
        for (String variable : expression.variablesRead()) {
            if (!context.variables().contains(variable)) {
                throw new ExpressionException(expression.source(), "", "unknown variable " + variable + "; "
                        + (context.variables().isEmpty() ? "there are no variables here" : "the variables here are "
                        + String.join(", ", new TreeSet<>(context.variables()))));
            }
        }
    }
}
