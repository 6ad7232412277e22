package io.jenkins.plugins.kargo.api;

import java.util.List;
import java.util.Map;

/**
 * A Stage's {@code verification}: the analysis templates run together (as one AnalysisRun, as Kargo does) after each
 * promotion, and the arguments they get.
 *
 * <p>The seed's form, {@code analysisRuns[]{analysisTemplate{name}, args[]}}, is normalised into this one: each run's
 * template joins {@code analysisTemplates} (once) and its args join {@code args}. An argument given twice with
 * different values is an error, since all templates see the same arguments.
 */
public record Verification(List<TemplateReference> analysisTemplates, List<Argument> args,
                           Map<String, String> analysisRunLabels, Map<String, String> analysisRunAnnotations,
                           SourceLocation location) {

    public Verification {
        analysisTemplates = List.copyOf(analysisTemplates);
        args = List.copyOf(args);
        analysisRunLabels = Map.copyOf(analysisRunLabels);
        analysisRunAnnotations = Map.copyOf(analysisRunAnnotations);
    }

    /** {@code analysisTemplates[]{name, kind}}; {@code kind} is AnalysisTemplate (default) or ClusterAnalysisTemplate. */
    public record TemplateReference(String name, ResourceKind kind, SourceLocation location) {
    }

    /** {@code args[]{name, value}}; the value may hold {@code ${{ }}} expressions or the seed's {@code {{ }}}. */
    public record Argument(String name, String value, SourceLocation location) {
    }
}
