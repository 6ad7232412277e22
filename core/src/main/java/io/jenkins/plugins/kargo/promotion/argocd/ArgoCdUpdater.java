package io.jenkins.plugins.kargo.promotion.argocd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kargo.kubernetes.Interruptible;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdateConfig.AppSelector;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdateConfig.AppUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Kargo's {@code argocd-update} step: asks Argo CD, through the Kubernetes API, to hard-refresh and sync
 * Applications (optionally pointing their sources at a new revision or images first), then waits until each has
 * finished this promotion's operation and is Synced and Healthy at the desired revisions.
 *
 * <p>Every Application must carry {@value AuthorizedStages#ANNOTATION} naming the promotion's
 * {@code <project>:<stage>}. All Applications are found, authorised and their source updates checked before any is
 * changed. Waiting uses watches (fabric8 informers), bounded by a timeout: the config's {@code timeout} or the
 * constructor's default (Kargo's 5 minutes).
 */
public final class ArgoCdUpdater implements PromotionStepRunner {

    public static final String NAME = "argocd-update";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    static final String REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";
    /** Kargo's initiator for promotions nobody asked for by hand. */
    static final String CONTROLLER = "kargo-controller";

    private final KubernetesClient client;
    private final Duration defaultTimeout;

    /** @param client the cluster where Argo CD runs; the caller owns (and closes) it */
    public ArgoCdUpdater(KubernetesClient client) {
        this(client, DEFAULT_TIMEOUT);
    }

    public ArgoCdUpdater(KubernetesClient client, Duration defaultTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One Application to update, as found, and the sources it gets. */
    private record Target(ArgoCdApplication app, DesiredSources desired) {
    }

    @Override
    public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
        ArgoCdUpdateConfig cfg;
        try {
            cfg = ArgoCdUpdateConfig.parse(config);
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        }
        Duration timeout = cfg.timeoutDuration().orElse(defaultTimeout);
        try {
            List<Target> targets = resolve(context, cfg);
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Target target : targets) {
                SyncProgress progress = SyncProgress.of(target.app(), context.promotion(), target.desired());
                if (progress.next() == SyncProgress.Next.SYNC) {
                    sync(context, target.app(), target.desired());
                }
            }
            List<Map<String, Object>> output = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            for (Target target : targets) {
                Outcome outcome = await(context, target, deadline, timeout);
                output.add(outcome.app().output());
                messages.add(outcome.message());
                if (outcome.status() != StepStatus.Succeeded) {
                    return new StepResult(outcome.status(), Map.of("apps", output), String.join("; ", messages));
                }
            }
            return StepResult.succeeded(Map.of("apps", output), String.join("; ", messages));
        } catch (Refusal e) {
            return StepResult.errored(e.getMessage());
        } catch (KubernetesClientException e) {
            if (Thread.interrupted()) {
                // fabric8 wraps an interrupted request; an aborted promotion is not an API error
                throw new InterruptedException("argocd-update aborted");
            }
            return StepResult.errored("Kubernetes API: " + e.getMessage());
        }
    }

    /** A reason to change nothing: an Application missing, not authorised, or not matching the config. */
    private static final class Refusal extends Exception {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** Finds every Application and checks it can be updated, so that a refusal leaves all of them unchanged. */
    private List<Target> resolve(StepContext context, ArgoCdUpdateConfig cfg) throws Refusal {
        List<Target> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cfg.apps().size(); i++) {
            AppUpdate update = cfg.apps().get(i);
            for (ArgoCdApplication app : authorised(context, update, i)) {
                if (!seen.add(app.namespace() + "/" + app.name())) {
                    problems.add("Argo CD Application " + app.ref() + " is named twice in 'apps'; list it once");
                    continue;
                }
                try {
                    targets.add(new Target(app, DesiredSources.of(update, app)));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(String.join("; ", problems) + ". No Application was changed.");
        }
        return targets;
    }

    private List<ArgoCdApplication> authorised(StepContext context, AppUpdate update, int index) throws Refusal {
        var inNamespace = client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace(update.namespace());
        if (update.name() != null) {
            GenericKubernetesResource found = inNamespace.withName(update.name()).get();
            if (found == null) {
                throw new Refusal("apps[" + index + "]: Argo CD Application '" + update.name()
                        + "' not found in namespace '" + update.namespace() + "'. No Application was changed.");
            }
            ArgoCdApplication app = ArgoCdApplication.of(found);
            String problem = authorisationProblem(context, app);
            if (problem != null) {
                throw new Refusal(problem + ". No Application was changed.");
            }
            return List.of(app);
        }
        List<ArgoCdApplication> matched = inNamespace.withLabelSelector(labelSelector(update.selector()))
                .list().getItems().stream().map(ArgoCdApplication::of).toList();
        List<ArgoCdApplication> permitted = new ArrayList<>();
        for (ArgoCdApplication app : matched) {
            String problem = authorisationProblem(context, app);
            if (problem == null) {
                permitted.add(app);
            } else {
                // Kargo skips Applications a selector finds but that are not meant for this stage
                context.log().warn("skipping " + problem);
            }
        }
        if (permitted.isEmpty()) {
            throw new Refusal("apps[" + index + "]: " + (matched.isEmpty() ? "no Argo CD Application"
                    : matched.size() + " Argo CD Application(s) but none authorised for " + stageRef(context))
                    + " matching " + update.selector() + " in namespace '" + update.namespace()
                    + "'. No Application was changed.");
        }
        return permitted;
    }

    /** Null when the Application lets this stage change it, else why not and how to allow it. */
    private static String authorisationProblem(StepContext context, ArgoCdApplication app) {
        String value = app.annotations().get(AuthorizedStages.ANNOTATION);
        String allow = "annotate the Application with " + AuthorizedStages.ANNOTATION + ": \"" + stageRef(context)
                + "\"";
        if (value == null) {
            return "Argo CD Application " + app.ref() + " does not permit mutation by Kargo stage "
                    + stageRef(context) + ": " + allow;
        }
        try {
            if (AuthorizedStages.parse(value).permits(context.project(), context.stage())) {
                return null;
            }
            return "Argo CD Application " + app.ref() + " does not permit mutation by Kargo stage " + stageRef(context)
                    + ": its " + AuthorizedStages.ANNOTATION + " is \"" + value + "\"; add " + stageRef(context)
                    + " to that comma-separated list";
        } catch (IllegalArgumentException e) {
            return "Argo CD Application " + app.ref() + " has an invalid " + AuthorizedStages.ANNOTATION
                    + " annotation \"" + value + "\": " + e.getMessage() + "; " + allow;
        }
    }

    private static String stageRef(StepContext context) {
        return context.project() + ":" + context.stage();
    }

    /** The selector as Kubernetes takes it; argocd-wait finds its Applications with it too. */
    static LabelSelector labelSelector(AppSelector selector) {
        return new LabelSelectorBuilder().withMatchLabels(selector.matchLabels())
                .withMatchExpressions(selector.matchExpressions().stream()
                        .map(r -> new LabelSelectorRequirement(r.key(), r.operator(), r.values())).toList())
                .build();
    }

    /**
     * Requests a hard refresh and a sync for this promotion, with the desired sources, in one JSON patch (Kargo's
     * {@code syncApplication}; a JSON patch because a merge patch's list semantics vary between API servers and
     * their mocks). The sync has no explicit revision: Argo CD syncs each source to its {@code targetRevision}, as
     * with Kargo.
     */
    private void sync(StepContext context, ArgoCdApplication app, DesiredSources desired) {
        ArrayNode patch = ArgoCdApplication.JSON.createArrayNode();
        if (app.annotations().isEmpty()) {
            add(patch, "/metadata/annotations", ArgoCdApplication.JSON.createObjectNode().put(REFRESH_ANNOTATION, "hard"));
        } else {
            add(patch, "/metadata/annotations/" + REFRESH_ANNOTATION.replace("/", "~1"),
                    ArgoCdApplication.JSON.getNodeFactory().textNode("hard"));
        }
        if (!desired.sources().equals(app.sources())) {
            if (app.multiSource()) {
                add(patch, "/spec/sources", ArgoCdApplication.JSON.createArrayNode().addAll(desired.sources()));
            } else {
                add(patch, "/spec/source", desired.sources().get(0));
            }
        }
        add(patch, "/operation", operation(context, app));
        if (app.operationState().isObject()) {
            // as Kargo (argo-cd#20875): Argo CD's API server clears the previous operation's state, and we bypass it
            patch.addObject().put("op", "remove").put("path", "/status/operationState");
        }
        try {
            client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace(app.namespace())
                    .withName(app.name()).patch(PatchContext.of(PatchType.JSON),
                            ArgoCdApplication.JSON.writeValueAsString(patch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        context.log().info("argocd-update: requested a hard refresh and sync of Argo CD Application " + app.ref()
                + " for promotion " + context.promotion());
        recordOperationStarted(context, app, desired);
    }

    /**
     * The {@code OperationStarted} event Argo CD's API server records for a sync, which its UI shows; Kargo records
     * it too since it bypasses that server. Best effort: a sync is not undone for want of an event.
     */
    private void recordOperationStarted(StepContext context, ArgoCdApplication app, DesiredSources desired) {
        List<ObjectNode> sources = desired.sources();
        String target = sources.size() == 1 ? " to " + sources.get(0).path("targetRevision").asText("")
                : sources.isEmpty() ? "" : " to " + sources.size() + " sources";
        Instant now = context.clock().instant();
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata().withName(app.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L
                        + now.getNano())).withNamespace(app.namespace()).withAnnotations(Map.of("user", CONTROLLER))
                .endMetadata()
                .withNewSource().withComponent(CONTROLLER).endSource()
                .withNewInvolvedObject().withApiVersion("argoproj.io/v1alpha1").withKind("Application")
                .withNamespace(app.namespace()).withName(app.name()).withUid(app.uid()).endInvolvedObject()
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1).withType("Normal")
                .withReason("OperationStarted").withMessage(CONTROLLER + " initiated sync" + target)
                .build();
        try {
            client.v1().events().inNamespace(app.namespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            context.log().warn("argocd-update: could not record the OperationStarted event of " + app.ref() + ": "
                    + e.getMessage());
        }
    }

    /** Kargo's operation: who asked, which promotion, and the Application's own sync options and retry policy. */
    private static ObjectNode operation(StepContext context, ArgoCdApplication app) {
        ObjectNode operation = ArgoCdApplication.JSON.createObjectNode();
        boolean automated = context.actor() == null || context.actor().isBlank() || context.actor().equals(CONTROLLER);
        operation.putObject("initiatedBy").put("username", automated ? CONTROLLER : context.actor())
                .put("automated", automated);
        ArrayNode info = operation.putArray("info");
        info.addObject().put("name", "Reason").put("value", "Promotion triggered a sync of this Application resource.");
        info.addObject().put("name", SyncProgress.PROMOTION_INFO).put("value", context.promotion());
        ObjectNode syncOperation = operation.putObject("sync");
        JsonNode policy = app.syncPolicy();
        if (policy.path("syncOptions").isArray()) {
            syncOperation.set("syncOptions", policy.get("syncOptions"));
        }
        if (policy.path("retry").isObject()) {
            operation.set("retry", policy.get("retry"));
        }
        return operation;
    }

    /** A JSON patch {@code add}: sets the member, replacing any value it had. */
    private static void add(ArrayNode patch, String path, JsonNode value) {
        patch.addObject().put("op", "add").put("path", path).set("value", value);
    }

    private record Outcome(StepStatus status, ArgoCdApplication app, String message) {
    }

    /** Watches the Application until this promotion's sync is done or failed, restarting it when Kargo would. */
    private Outcome await(StepContext context, Target target, long deadline, Duration timeout)
            throws InterruptedException {
        Resource<GenericKubernetesResource> resource = client.genericKubernetesResources(ArgoCdApplication.RESOURCE)
                .inNamespace(target.app().namespace()).withName(target.app().name());
        while (true) {
            GenericKubernetesResource current;
            boolean timedOut = false;
            try {
                List<GenericKubernetesResource> items = Interruptible.await(resource, found -> found.isEmpty()
                        || progress(context, target, found.get(0)).next() != SyncProgress.Next.WAIT,
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                current = items.isEmpty() ? null : items.get(0);
            } catch (TimeoutException e) {
                // one last look: the watch may not have delivered the latest state yet
                current = Interruptible.request(resource::get);
                timedOut = true;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof KubernetesClientException k ? k : new KubernetesClientException(
                        "watching Argo CD Application " + target.app().ref(), e.getCause());
            }
            if (current == null) {
                return new Outcome(StepStatus.Errored, target.app(), "Argo CD Application " + target.app().ref()
                        + " was deleted while waiting for its sync");
            }
            ArgoCdApplication app = ArgoCdApplication.of(current);
            SyncProgress progress = progress(context, target, current);
            switch (progress.next()) {
                case DONE -> {
                    return new Outcome(StepStatus.Succeeded, app, "Argo CD Application " + app.ref() + ": "
                            + progress.reason());
                }
                case FAILED -> {
                    return new Outcome(StepStatus.Errored, app, "Argo CD Application " + app.ref() + ": "
                            + progress.reason() + "; " + app.describe());
                }
                default -> {
                    if (timedOut) {
                        return new Outcome(StepStatus.Errored, app, "timed out after " + timeout.toSeconds()
                                + "s waiting for Argo CD Application " + app.ref() + " to sync for promotion "
                                + context.promotion() + " and be Synced and Healthy: " + progress.reason());
                    }
                    context.log().info("argocd-update: syncing " + app.ref() + " again: " + progress.reason());
                    sync(context, app, target.desired());
                }
            }
        }
    }

    private static SyncProgress progress(StepContext context, Target target, GenericKubernetesResource resource) {
        return SyncProgress.of(ArgoCdApplication.of(resource), context.promotion(), target.desired());
    }
}
