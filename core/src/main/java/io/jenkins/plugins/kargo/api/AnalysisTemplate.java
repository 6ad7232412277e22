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
     * @param valueFrom Argo's {@code valueFrom}: a Secret's key, or a field of the Rollout
     */
    public record Argument(String name, Optional<String> value, Optional<ValueFrom> valueFrom) {
        public boolean required() {
            return value.isEmpty() && valueFrom.isEmpty();
        }
    }

    /** Where an argument's value comes from when the stage gives none. */
    public sealed interface ValueFrom {
    }

    /** {@code valueFrom.secretKeyRef{name, key}}: a key of a Secret of the project (the credentials store). */
    public record SecretKeyRef(String name, String key) implements ValueFrom {
    }

    /** {@code valueFrom.fieldRef{fieldPath}}: a field of the Rollout the verification reads (e.g. {@code metadata.labels['app']}). */
    public record FieldRef(String fieldPath) implements ValueFrom {
    }

    /**
     * One measurement, repeated: Argo Rollouts' metric with its limits.
     *
     * @param interval          time between measurements; empty if not set (one measurement, unless count says more)
     * @param initialDelay      wait before the first measurement; {@link Duration#ZERO} if not set
     * @param count             number of measurements; 0 if not set
     * @param failureLimit      failed measurements tolerated (default 0; -1: failures never fail the metric)
     * @param inconclusiveLimit inconclusive measurements tolerated (default 0)
     * @param consecutiveErrorLimit consecutive errors tolerated (default 4)
     * @param successCondition  expression over {@code result}; empty if not set
     * @param failureCondition  expression over {@code result}; empty if not set
     * @param consecutiveSuccessLimit successful measurements in a row that end the metric Successful; 0 if not set
     * @param dryRun            the template's {@code dryRun} names this metric: it is measured and reported, but its
     *                          outcome does not count towards the analysis'
     * @param measurementRetention how many of its latest measurements are kept (the template's
     *                          {@code measurementRetention}; default {@value #DEFAULT_MEASUREMENT_RETENTION})
     */
    public record Metric(String name, Optional<Duration> interval, Duration initialDelay, int count, int failureLimit,
                         int inconclusiveLimit, int consecutiveErrorLimit, String successCondition,
                         String failureCondition, MetricProvider provider, int consecutiveSuccessLimit,
                         boolean dryRun, int measurementRetention, SourceLocation location) {
        public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
        /** Argo Rollouts' {@code DefaultMeasurementHistoryLimit}. */
        public static final int DEFAULT_MEASUREMENT_RETENTION = 10;

        /** A metric without consecutiveSuccessLimit, dry run or retention settings. */
        public Metric(String name, Optional<Duration> interval, Duration initialDelay, int count, int failureLimit,
                      int inconclusiveLimit, int consecutiveErrorLimit, String successCondition,
                      String failureCondition, MetricProvider provider, SourceLocation location) {
            this(name, interval, initialDelay, count, failureLimit, inconclusiveLimit, consecutiveErrorLimit,
                    successCondition, failureCondition, provider, 0, false, DEFAULT_MEASUREMENT_RETENTION, location);
        }
    }
}
