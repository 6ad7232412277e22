package io.jenkins.plugins.kargo.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one YAML document into a {@link KargoResource}: the header ({@code apiVersion}, {@code kind},
 * {@code metadata}) here, each kind's {@code spec} here or in its own reader.
 */
final class ResourceReader {

    /** Kubernetes' rule for object names (DNS-1123 subdomain), which Kargo applies. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final List<String> KINDS = java.util.Arrays.stream(ResourceKind.values()).map(ResourceKind::kind).toList();

    private final Problems problems;
    private final DashboardConfigReader dashboard;
    private final OtherKinds otherKinds = new OtherKinds();

    ResourceReader(YamlReader yaml, Problems problems) {
        this.problems = problems;
        this.dashboard = new DashboardConfigReader(yaml, problems);
    }

    /** What a document declares itself to be, before its project is known. */
    record Header(ResourceKind kind, String name, String namespace, Map<String, String> labels, ConfigNode root) {
    }

    Optional<Header> header(YamlDocument document) {
        ConfigNode root = ConfigNode.root(document, problems);
        if (!root.isMapping("apiVersion: kargo.akuity.io/v1alpha1\nkind: Warehouse\nmetadata: {name: ...}\nspec: {...}")) {
            return Optional.empty();
        }
        String kindText = root.requiredText("kind", "add kind: (one of " + String.join(", ", KINDS) + ")");
        if (kindText.isEmpty()) {
            return Optional.empty();
        }
        Optional<ResourceKind> kind = ResourceKind.ofKind(kindText);
        if (kind.isEmpty()) {
            String name = root.get("metadata").json().path("name").asText("<unnamed>");
            otherKinds.add(kindText, root.text("apiVersion", ""), name, root);
            return Optional.empty();
        }
        String apiVersion = root.requiredText("apiVersion", "add apiVersion: " + kind.get().apiVersion());
        if (!apiVersion.isEmpty() && !apiVersion.equals(kind.get().apiVersion())) {
            root.get("apiVersion").error("unknown apiVersion '" + apiVersion + "' for kind " + kindText,
                    "write apiVersion: " + kind.get().apiVersion());
            return Optional.empty();
        }
        if (kind.get() != ResourceKind.CONFIG_MAP && kind.get() != ResourceKind.SECRET) {
            root.allowOnly("apiVersion", "kind", "metadata", "spec", "status");
        }
        ConfigNode metadata = root.get("metadata");
        if (!metadata.present()) {
            root.error("missing required field 'metadata'", "add metadata: {name: <name>}");
            return Optional.empty();
        }
        if (!metadata.isMapping("metadata: {name: <name>, namespace: <project>}")) {
            return Optional.empty();
        }
        // the read-only fields are there when a resource was exported with kubectl; they mean nothing here
        metadata.allowOnly("name", "namespace", "labels", "annotations", "uid", "resourceVersion", "generation",
                "creationTimestamp", "managedFields", "finalizers", "ownerReferences");
        String name = metadata.requiredText("name", "add name: <name> (lower case letters, digits and '-')");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.length() > 253 || !NAME.matcher(name).matches()) {
            metadata.get("name").error("'" + name + "' is not a valid resource name",
                    "use lower case letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
        return Optional.of(new Header(kind.get(), name, metadata.text("namespace", ""), metadata.textMap("labels"), root));
    }

    /** Reports, once per kind, the documents of kinds this product does not read. */
    void reportOtherKinds() {
        otherKinds.report(problems);
    }

    /** Notes a Secret or ConfigMap of a namespace that is no project of the input: nothing here reads it. */
    void otherNamespace(Header header) {
        otherKinds.record(header.kind().kind(), header.kind().apiVersion() + " in namespace " + header.namespace(),
                "namespace " + header.namespace() + " is no Project of this configuration (nor "
                        + Secret.SHARED_NAMESPACE + ")", header.name(), header.root());
    }

    /** The resource, or empty if its spec is too broken to represent (its problems are reported). */
    Optional<? extends KargoResource> read(Header header, String project) {
        ConfigNode root = header.root();
        ConfigNode spec = root.get("spec");
        if (header.kind() == ResourceKind.SECRET) {
            return Optional.of(DataResourceReader.secret(project, header.name(), header.labels(), root));
        }
        if (header.kind() == ResourceKind.CONFIG_MAP) {
            return project.isEmpty() && !Secret.SHARED_NAMESPACE.equals(header.namespace())
                    ? dashboard.read(header.name(), header.namespace(), root)
                    : Optional.of(DataResourceReader.configMap(project, header.name(), root));
        }
        if (header.kind() != ResourceKind.PROJECT && header.kind() != ResourceKind.PROJECT_CONFIG && !spec.present()) {
            root.error("missing required field 'spec'", "add the " + header.kind() + "'s spec:");
            return Optional.empty();
        }
        if (spec.present() && !spec.isMapping("spec:\n  ...")) {
            return Optional.empty();
        }
        return switch (header.kind()) {
            case PROJECT -> Optional.of(project(header, spec));
            case PROJECT_CONFIG -> Optional.of(projectConfig(header, project, spec));
            case WAREHOUSE -> Optional.of(warehouse(header, project, spec));
            case STAGE -> Optional.of(StageReader.read(project, header.name(), header.labels(), spec, root.location()));
            case ANALYSIS_TEMPLATE, CLUSTER_ANALYSIS_TEMPLATE ->
                    Optional.of(AnalysisTemplateReader.read(header.kind(), project, header.name(), spec,
                            root.location()));
            case PROMOTION_TASK, CLUSTER_PROMOTION_TASK ->
                    Optional.of(PromotionTaskReader.read(header.kind(), project, header.name(), spec, root.location()));
            case CONFIG_MAP, SECRET -> throw new IllegalStateException("read above");
        };
    }

    private Project project(Header header, ConfigNode spec) {
        spec.allowOnly("promotionPolicies");
        if (spec.has("promotionPolicies")) {
            spec.get("promotionPolicies").warning(WarningKind.PROJECT_PROMOTION_POLICIES, "Project.spec.promotionPolicies is deprecated (removed in Kargo v1.7)",
                    "move the policies to a ProjectConfig named " + header.name() + " (spec.promotionPolicies)");
        }
        ConfigNode annotations = header.root().get("metadata").get("annotations");
        String revoke = annotations.json().path(Project.REVOKE_VERIFIED_ANNOTATION).asText("true");
        if (!revoke.equals("true") && !revoke.equals("false")) {
            annotations.get(Project.REVOKE_VERIFIED_ANNOTATION).error("'" + revoke + "' is neither true nor false",
                    "write \"true\" (a failed verification takes back verifiedIn) or \"false\" (keeps it, as Kargo)");
        }
        return new Project(header.name(), policies(spec.get("promotionPolicies")), !revoke.equals("false"),
                header.root().location());
    }

    private ProjectConfig projectConfig(Header header, String project, ConfigNode spec) {
        if (!header.name().equals(project)) {
            header.root().get("metadata").get("name").error("a ProjectConfig is named as its project, but '"
                    + header.name() + "' is in project '" + project + "'", "write name: " + project);
        }
        spec.allowOnly("promotionPolicies", "webhookReceivers", "freightLinks", "stageLinks", "promotionWindows");
        spec.ignoreUnsupported("webhookReceivers", "freightLinks", "stageLinks", "promotionWindows");
        return new ProjectConfig(project, header.name(), policies(spec.get("promotionPolicies")), header.root().location());
    }

    private List<PromotionPolicy> policies(ConfigNode list) {
        List<PromotionPolicy> policies = new ArrayList<>();
        Map<StageSelector, ConfigNode> seen = new HashMap<>();
        for (ConfigNode item : list.items()) {
            if (!item.isMapping("- stage: dev\n  autoPromotionEnabled: true")) {
                continue;
            }
            item.allowOnly("stage", "stageSelector", "autoPromotionEnabled", "autoRollback");
            StageSelector selector = selector(item);
            if (selector == null) {
                continue;
            }
            ConfigNode earlier = seen.putIfAbsent(selector, item);
            if (earlier != null) {
                item.error("a second policy for the same stages (first at " + earlier.location() + ")",
                        "keep one policy per stage");
            }
            policies.add(new PromotionPolicy(selector, item.bool("autoPromotionEnabled", false),
                    autoRollback(item.get("autoRollback")), item.location()));
        }
        return policies;
    }

    private static StageSelector selector(ConfigNode item) {
        String which = item.oneOf(Set.of("stage", "stageSelector"), "the policy");
        if (which == null) {
            item.error("the policy names no stage", "add stage: <name>, or stageSelector: {name: \"glob:prod-*\"}");
            return null;
        }
        if (which.equals("stage")) {
            return StageSelector.named(item.text("stage"));
        }
        ConfigNode selector = item.get("stageSelector");
        if (!selector.isMapping("stageSelector: {name: \"regex:^prod\", matchLabels: {tier: prod}}")) {
            return null;
        }
        selector.allowOnly("name", "matchLabels");
        StageSelector result = new StageSelector(selector.text("name", ""), selector.textMap("matchLabels"));
        checkNamePattern(selector.get("name"), result.name());
        if (result.name().isEmpty() && result.matchLabels().isEmpty()) {
            selector.error("the stage selector selects every stage", "add name: or matchLabels:");
        }
        return result;
    }

    private static void checkNamePattern(ConfigNode node, String name) {
        int colon = name.indexOf(':');
        if (colon < 0) {
            return;
        }
        String prefix = name.substring(0, colon);
        String pattern = name.substring(colon + 1);
        switch (prefix) {
            case "regex", "regexp" -> ConstraintChecks.regex(node, pattern);
            case "glob" -> {
                try {
                    StageSelector.globMatcher(pattern);
                } catch (java.util.regex.PatternSyntaxException e) {
                    node.error("'" + pattern + "' is not a valid glob: " + e.getDescription(),
                            "correct the glob, e.g. glob:prod-*");
                }
            }
            default -> node.error("unknown pattern kind '" + prefix + ":'",
                    "start the name with regex:, regexp: or glob:, or write an exact stage name");
        }
    }

    private static PromotionPolicy.AutoRollback autoRollback(ConfigNode node) {
        if (!node.isMapping("autoRollback: {onVerification: [Failed]}")) {
            return PromotionPolicy.AutoRollback.NONE;
        }
        node.allowOnly("onVerification", "onPromotion");
        // Kargo's default when autoRollback is present: roll back on a failed verification
        List<String> onVerification = node.has("onVerification") ? node.texts("onVerification") : List.of("Failed");
        checkPhases(node.get("onVerification"), onVerification, List.of("Failed", "Error"));
        List<String> onPromotion = node.texts("onPromotion");
        checkPhases(node.get("onPromotion"), onPromotion, List.of("Failed", "Errored"));
        return new PromotionPolicy.AutoRollback(onVerification, onPromotion);
    }

    private static void checkPhases(ConfigNode node, List<String> phases, List<String> allowed) {
        for (String phase : phases) {
            if (!allowed.contains(phase)) {
                node.error("'" + phase + "' is not a phase that can trigger a rollback",
                        Spelling.suggest(phase, allowed, "use some of"));
            }
        }
    }

    private static Warehouse warehouse(Header header, String project, ConfigNode spec) {
        spec.allowOnly("subscriptions", "interval", "shard", "freightCreationPolicy", "freightCreationCriteria");
        spec.ignoreUnsupported("shard");
        Warehouse.FreightCreationPolicy policy = spec.enumValue("freightCreationPolicy",
                Warehouse.FreightCreationPolicy.class, Warehouse.FreightCreationPolicy.Automatic);
        String criteria = "";
        ConfigNode criteriaNode = spec.get("freightCreationCriteria");
        if (criteriaNode.isMapping("freightCreationCriteria:\n    expression: imageFrom('...').Tag == ...")) {
            criteriaNode.allowOnly("expression");
            criteria = criteriaNode.requiredText("expression", "write the condition Freight must meet, e.g. "
                    + "expression: imageFrom('ghcr.io/example/frontend').Tag == imageFrom('ghcr.io/example/backend').Tag");
            ExpressionChecks.freightCreationCriteria(criteriaNode.get("expression"));
        }
        Duration interval = spec.kargoDuration("interval", Warehouse.DEFAULT_INTERVAL);
        if (interval.isZero()) {
            spec.get("interval").error("interval is zero", "use a positive interval, e.g. 5m");
        }
        List<Subscription> subscriptions = new ArrayList<>();
        for (ConfigNode entry : spec.get("subscriptions").items()) {
            Subscription subscription = SubscriptionReader.read(entry);
            if (subscription != null) {
                subscriptions.add(subscription);
            }
        }
        if (spec.get("subscriptions").items().isEmpty()) {
            spec.error("the Warehouse has no subscriptions", "add subscriptions: [- image: {repoURL: ...}]");
        }
        return new Warehouse(project, header.name(), interval, subscriptions, policy, criteria,
                header.root().location());
    }
}
