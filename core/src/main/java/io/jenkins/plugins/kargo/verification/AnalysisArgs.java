package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.expr.kargo.KargoExpressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argo Rollouts' {@code {{ args.NAME }}} substitution in a template's provider fields (url, headers, body, query);
 * conditions take arguments as values instead ({@link ConditionEvaluator#withArgs}).
 */
public final class AnalysisArgs {

    private static final Pattern ARG = KargoExpressions.ANALYSIS_ARG;

    private AnalysisArgs() {
    }

    /**
     * The arguments the templates see, as Argo Rollouts merges them ({@code MergeArgs}, {@code flattenArgs}): every
     * argument the templates declare, with the stage's value when it gives one, else the template's default. Values
     * the stage gives for arguments no template declares are ignored (the templates of one verification share the
     * stage's arguments).
     *
     * @throws MeasurementException naming the argument and its template when it has no value, or when two templates
     *                              give it different defaults
     */
    public static Map<String, String> merge(List<AnalysisTemplate> templates, Map<String, String> given)
            throws MeasurementException {
        Map<String, String> merged = new LinkedHashMap<>();
        for (AnalysisTemplate template : templates) {
            for (AnalysisTemplate.Argument arg : template.args()) {
                String value = given.containsKey(arg.name()) ? given.get(arg.name()) : arg.value().orElse(null);
                if (value == null) {
                    throw new MeasurementException("argument '" + arg.name() + "' of analysis template '"
                            + template.name() + "' has no value" + (arg.valueFrom().isPresent()
                            ? " (valueFrom is not supported yet)" : "")
                            + "; give it in the stage's verification args");
                }
                String earlier = merged.putIfAbsent(arg.name(), value);
                if (earlier != null && !earlier.equals(value)) {
                    throw new MeasurementException("argument '" + arg.name() + "' has different values in the"
                            + " analysis templates ('" + earlier + "', '" + value + "'); give it in the stage's"
                            + " verification args");
                }
            }
        }
        return merged;
    }

    /**
     * @throws MeasurementException naming the argument when the text uses one that has no value
     */
    public static String render(String text, Map<String, String> args) throws MeasurementException {
        Matcher m = ARG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = args.get(m.group(1));
            if (value == null) {
                throw new MeasurementException("argument '" + m.group(1) + "' has no value; give it in the stage's"
                        + " verification args or as a default in the template");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
