package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Argo Rollouts' {@code {{ args.NAME }}} substitution in a template's strings. */
public final class AnalysisArgs {

    private static final Pattern ARG = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z0-9_.-]+)\\s*}}");

    private AnalysisArgs() {
    }

    /**
     * The arguments the templates see, and which of their values are secrets.
     *
     * @param secrets the values read from Secrets, which messages must not show (Argo Rollouts redacts them)
     */
    public record Merged(Map<String, String> values, Set<String> secrets) {
        public Merged {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            secrets = Set.copyOf(secrets);
        }

        /** {@code text} with every secret value replaced by {@code *****}, as Argo Rollouts redacts messages. */
        public String redact(String text) {
            String redacted = text;
            for (String secret : secrets) {
                if (!secret.isEmpty()) {
                    redacted = redacted.replace(secret, "*****");
                }
            }
            return redacted;
        }
    }

    /**
     * The arguments the templates see, as Argo Rollouts merges them ({@code MergeArgs}, {@code flattenArgs}) and
     * resolves them ({@code resolveArgs}): every argument the templates declare, with the stage's value when it gives
     * one, else the template's default, else its {@code valueFrom} read from {@code sources}. Values the stage gives
     * for arguments no template declares are ignored (the templates of one verification share the stage's
     * arguments).
     *
     * @throws MeasurementException naming the argument and its template when it has no value, when its valueFrom
     *                              cannot be read, or when two templates give it different defaults
     */
    public static Merged merge(List<AnalysisTemplate> templates, Map<String, String> given, VerificationRef verification,
                               ArgumentSources sources) throws MeasurementException, InterruptedException {
        Map<String, String> merged = new LinkedHashMap<>();
        Map<String, AnalysisTemplate.Argument> fromSources = new LinkedHashMap<>();
        for (AnalysisTemplate template : templates) {
            for (AnalysisTemplate.Argument arg : template.args()) {
                String value = given.containsKey(arg.name()) ? given.get(arg.name()) : arg.value().orElse(null);
                if (value == null && arg.valueFrom().isPresent()) {
                    fromSources.putIfAbsent(arg.name(), arg);
                    continue;
                }
                if (value == null) {
                    throw new MeasurementException("argument '" + arg.name() + "' of analysis template '"
                            + template.name() + "' has no value; give it in the stage's verification args");
                }
                String earlier = merged.putIfAbsent(arg.name(), value);
                if (earlier != null && !earlier.equals(value)) {
                    throw new MeasurementException("argument '" + arg.name() + "' has different values in the"
                            + " analysis templates ('" + earlier + "', '" + value + "'); give it in the stage's"
                            + " verification args");
                }
            }
        }
        Set<String> secrets = new HashSet<>();
        for (AnalysisTemplate.Argument arg : fromSources.values()) {
            if (merged.containsKey(arg.name())) {
                continue; // another template gives it a value
            }
            String value = sources.value(verification, arg.valueFrom().get(), Map.copyOf(merged));
            merged.put(arg.name(), value);
            if (arg.valueFrom().get() instanceof AnalysisTemplate.SecretKeyRef) {
                secrets.add(value);
            }
        }
        return new Merged(merged, secrets);
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
