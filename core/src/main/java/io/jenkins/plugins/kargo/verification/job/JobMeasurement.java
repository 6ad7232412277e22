package io.jenkins.plugins.kargo.verification.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.kubernetes.Interruptible;
import io.jenkins.plugins.kargo.verification.AnalysisArgs;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.MeasurementProvider;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Argo Rollouts' {@code job} metric provider: runs the template's Job and reports how it ended as a
 * {@link JobOutcome} (Successful when the Job completes, Failed when it fails, as in Argo Rollouts).
 *
 * <p>Every string in the Job's {@code metadata} and {@code spec} has its {@code {{ args.NAME }}} filled in. The
 * {@code batch/v1} Job is created in the configured namespace, or else in the project's (Kargo's project
 * namespace), named {@code <project>-<stage>-<metric>-<random>} (cut to a DNS label) and labelled
 * {@value #STAGE_LABEL} and {@value #METRIC_LABEL}. Its end is awaited through a watch until its {@code Complete}
 * or {@code Failed} condition is true, bounded by the timeout; then the log of its newest pod (selected by the
 * Job's {@code controller-uid} label) is read, at most {@code logLimit} bytes.
 *
 * <p>The Job is always deleted when the measurement ends (with its pods, by background propagation): after its
 * log is read, on timeout (an Error measurement) and on interrupt, wherever it lands, creation included (waiting
 * stops, as Argo Rollouts terminates the Jobs of an aborted run; {@link Interruptible}). What it did survives in the
 * outcome; a log that cannot be read is said in the outcome's log.
 */
public final class JobMeasurement implements MeasurementProvider<MetricProvider.Job> {

    public static final String STAGE_LABEL = "kargo.akuity.io/stage";
    /** Argo Rollouts' label naming the metric a Job measures. */
    public static final String METRIC_LABEL = "analysisrun.argoproj.io/metric-name";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final int DEFAULT_LOG_LIMIT = 64 * 1024;

    private static final int MAX_NAME = 63;
    private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient client;
    private final Optional<String> namespace;
    private final Duration timeout;
    private final int logLimit;

    /**
     * @param client    the cluster that runs the Jobs; the caller owns (and closes) it
     * @param namespace where Jobs run; empty: the project's namespace
     * @param timeout   how long a Job may take before the measurement is an Error
     * @param logLimit  most bytes of pod log kept in the outcome
     */
    public JobMeasurement(KubernetesClient client, Optional<String> namespace, Duration timeout, int logLimit) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (logLimit < 0) {
            throw new IllegalArgumentException("logLimit must not be negative: " + logLimit);
        }
        this.logLimit = logLimit;
    }

    public JobMeasurement(KubernetesClient client) {
        this(client, Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_LOG_LIMIT);
    }

    @Override
    public JobOutcome measure(MetricProvider.Job provider, MeasurementContext context)
            throws MeasurementException, InterruptedException {
        String ns = namespace.orElse(context.project());
        Job job = jobFor(provider, context, ns);
        String name = job.getMetadata().getName();
        String where = "Job '" + ns + "/" + name + "' of metric '" + context.metric() + "'";
        Resource<Job> resource = client.batch().v1().jobs().inNamespace(ns).withName(name);
        try {
            // inside the try: a create that an interrupt broke may still have created the Job
            Job created;
            try {
                created = Interruptible.request(() -> resource.create(job));
            } catch (KubernetesClientException e) {
                throw new MeasurementException("could not create " + where + ": " + e.getMessage(), e);
            }
            context.log().info("metric '" + context.metric() + "': started " + where);
            Job finished = awaitEnd(resource, where);
            Optional<JobCondition> failed = condition(finished, "Failed");
            JobCondition end = failed.or(() -> condition(finished, "Complete")).orElseThrow();
            Log log = newestPodLog(ns, created.getMetadata().getUid(), context, where);
            JobOutcome outcome = new JobOutcome(ns, name, failed.isEmpty(), reason(end), log.text(), log.truncated());
            context.log().info("metric '" + context.metric() + "': " + where + " " + outcome.phase()
                    + (outcome.reason().isEmpty() ? "" : " (" + outcome.reason() + ")"));
            return outcome;
        } finally {
            delete(resource, where, context);
        }
    }

    /** The Job as it stands once finished. */
    private Job awaitEnd(Resource<Job> resource, String where) throws MeasurementException, InterruptedException {
        try {
            List<Job> jobs = Interruptible.await(resource, found -> found.isEmpty() || finished(found.get(0)), timeout);
            if (jobs.isEmpty()) {
                throw new MeasurementException(where + " was deleted before it finished");
            }
            return jobs.get(0);
        } catch (TimeoutException e) {
            throw new MeasurementException(where + " did not finish within " + timeout
                    + "; it was deleted. Raise the job provider's timeout if the tests need longer");
        } catch (ExecutionException e) {
            throw new MeasurementException("could not watch " + where + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static boolean finished(Job job) {
        return condition(job, "Complete").isPresent() || condition(job, "Failed").isPresent();
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        return job.getStatus() == null || job.getStatus().getConditions() == null ? Optional.empty()
                : job.getStatus().getConditions().stream()
                        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static String reason(JobCondition condition) {
        String reason = Objects.requireNonNullElse(condition.getReason(), "");
        String message = Objects.requireNonNullElse(condition.getMessage(), "");
        return reason.isEmpty() || message.isEmpty() ? reason + message : reason + ": " + message;
    }

    /** The Job to create: the template's metadata and spec, rendered, plus Kargo's name and labels. */
    private Job jobFor(MetricProvider.Job provider, MeasurementContext context, String ns) throws MeasurementException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "batch/v1").put("kind", "Job");
        JsonNode templateMetadata = provider.metadata();
        ObjectNode metadata = templateMetadata.isObject() ? (ObjectNode) render(templateMetadata, context.args())
                : body.objectNode();
        metadata.put("name", name(context)).put("namespace", ns);
        metadata.withObjectProperty("labels").put(STAGE_LABEL, context.stage()).put(METRIC_LABEL, context.metric());
        body.set("metadata", metadata);
        body.set("spec", render(provider.spec(), context.args()));
        try {
            return client.getKubernetesSerialization().unmarshal(body.toString(), Job.class);
        } catch (IllegalArgumentException e) {
            throw new MeasurementException("metric '" + context.metric() + "': the job provider's spec is not a"
                    + " batch/v1 JobSpec: " + e.getMessage(), e);
        }
    }

    /** A copy of {@code node} with {@code {{ args.NAME }}} filled in in every string value. */
    static JsonNode render(JsonNode node, Map<String, String> args) throws MeasurementException {
        if (node.isTextual()) {
            return TextNode.valueOf(AnalysisArgs.render(node.textValue(), args));
        }
        if (node.isArray()) {
            ArrayNode out = ((ArrayNode) node).arrayNode();
            for (JsonNode item : node) {
                out.add(render(item, args));
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.set(field.getKey(), render(field.getValue(), args));
            }
            return out;
        }
        return node.deepCopy();
    }

    /** {@code <project>-<stage>-<metric>-<5 random>}, a DNS label of at most 63 characters (pods' job-name label). */
    static String name(MeasurementContext context) {
        String prefix = (context.project() + "-" + context.stage() + "-" + context.metric())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        StringBuilder suffix = new StringBuilder("-");
        for (int i = 0; i < 5; i++) {
            suffix.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
        }
        prefix = prefix.substring(0, Math.min(prefix.length(), MAX_NAME - suffix.length()));
        return prefix.replaceAll("^-+|-+$", "") + suffix;
    }

    private record Log(String text, boolean truncated) {
        /** No log: the outcome's log says why, and so does a warning. */
        static Log missing(String why, String where, MeasurementContext context) {
            context.log().warn("metric '" + context.metric() + "': no log of " + where + ": " + why);
            return new Log("(no log: " + why + ")", false);
        }
    }

    /**
     * The newest pod's containers' logs, joined, cut at the limit. A log that cannot be read does not change how the
     * Job ended: the outcome then says why there is no log, and a warning too.
     */
    private Log newestPodLog(String ns, String uid, MeasurementContext context, String where)
            throws InterruptedException {
        try {
            Optional<Pod> pod = Interruptible.request(() -> client.pods().inNamespace(ns).withLabel("controller-uid", uid)
                    .list()).getItems().stream().max(Comparator.comparing(p -> Objects.requireNonNullElse(
                            p.getMetadata().getCreationTimestamp(), "")));
            if (pod.isEmpty()) {
                return Log.missing("the Job has no pod", where, context);
            }
            String podName = pod.get().getMetadata().getName();
            List<Container> containers = pod.get().getSpec().getContainers();
            StringBuilder text = new StringBuilder();
            for (Container container : containers) {
                if (containers.size() > 1) {
                    text.append("==> ").append(container.getName()).append(" <==\n");
                }
                text.append(Objects.requireNonNullElse(Interruptible.request(() -> client.pods().inNamespace(ns)
                        .withName(podName).inContainer(container.getName()).limitBytes(logLimit + 1).getLog()), ""));
            }
            return text.length() > logLimit ? new Log(text.substring(0, logLimit), true) : new Log(text.toString(), false);
        } catch (KubernetesClientException e) {
            return Log.missing("it could not be read: " + e.getMessage(), where, context);
        }
    }

    /** Deletes the Job, also when the measurement was interrupted (the flag is kept for the caller). */
    private static void delete(Resource<Job> resource, String where, MeasurementContext context) {
        try {
            Interruptible.regardless(() -> resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
        } catch (KubernetesClientException e) {
            context.log().warn("metric '" + context.metric() + "': could not delete " + where + ": " + e.getMessage());
        }
    }
}
