package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An Argo Rollouts {@code AnalysisTemplate} (in a project) or {@code ClusterAnalysisTemplate} (project empty): the
 * arguments it takes and the metrics it measures.
 */
public record AnalysisTemplate(ResourceKind kind, String project, String name, List<Argument> args,
                               List<Metric> metrics, SourceLocation location) implements KargoResource {

    public AnalysisTemplate {
        if (kind != ResourceKind.ANALYSIS_TEMPLATE && kind != ResourceKind.CLUSTER_ANALYSIS_TEMPLATE) {
            throw new IllegalArgumentException("not an analysis template kind: " + kind);
        }
        args = List.copyOf(args);
        metrics = List.copyOf(metrics);
    }

    /** Whether a metric waits for a person's decision (the {@value MetricProvider.Plugin#APPROVAL} plugin). */
    public boolean asksPeople() {
        return metrics.stream().anyMatch(m -> m.provider() instanceof MetricProvider.Plugin plugin
                && plugin.name().equals(MetricProvider.Plugin.APPROVAL));
    }

    /**
     * {@code args[]}: a value given here is the default; without one (and without {@code valueFrom}) the caller must
     * supply it.
     *
     * @param valueFrom Argo's {@code valueFrom} ({@code secretKeyRef}, {@code fieldRef}), uninterpreted here
     */
    public record Argument(String name, Optional<String> value, Optional<JsonNode> valueFrom) {
        public boolean required() {
            return value.isEmpty() && valueFrom.isEmpty();
        }
    }

    /**
     * One measurement, repeated: Argo Rollouts' metric with its limits.
     *
     * @param interval          time between measurements; empty if not set (one measurement, unless count says more)
     * @param initialDelay      wait before the first measurement; {@link Duration#ZERO} if not set
     * @param count             number of measurements; 0 if not set
     * @param failureLimit      failed measurements tolerated (default 0)
     * @param inconclusiveLimit inconclusive measurements tolerated (default 0)
     * @param consecutiveErrorLimit consecutive errors tolerated (default 4)
     * @param successCondition  expression over {@code result}; empty if not set
     * @param failureCondition  expression over {@code result}; empty if not set
     */
    public record Metric(String name, Optional<Duration> interval, Duration initialDelay, int count, int failureLimit,
                         int inconclusiveLimit, int consecutiveErrorLimit, String successCondition,
                         String failureCondition, MetricProvider provider, SourceLocation location) {
        public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
    }
}
