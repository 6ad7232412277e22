package io.jenkins.plugins.kargo.verification;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Argo Rollouts' {@code {{ args.NAME }}} substitution in a template's strings. */
public final class AnalysisArgs {

    private static final Pattern ARG = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z0-9_.-]+)\\s*}}");

    private AnalysisArgs() {
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
