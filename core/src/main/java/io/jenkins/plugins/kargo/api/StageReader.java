package io.jenkins.plugins.kargo.api;

import io.jenkins.plugins.kargo.api.PromotionMechanisms.ArgoCDAppUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.GitRepoUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmChartUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmImageUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmImageValue;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.KustomizeImageUpdate;
import io.jenkins.plugins.kargo.expr.kargo.KargoExpressions;
import io.jenkins.plugins.kargo.semver.SemverRange;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/** Reads a Stage's {@code spec}: requested freight, promotion (steps or legacy mechanisms) and verification. */
final class StageReader {

    private static final Pattern BETA_COMPARISON = Pattern.compile("v?(\\d+)\\.(\\d+)\\.\\d+-beta");

    private StageReader() {
    }

    static Stage read(String project, String name, Map<String, String> labels, ConfigNode spec,
                      SourceLocation location) {
        spec.allowOnly("shard", "vars", "requestedFreight", "promotionTemplate", "promotionMechanisms", "verification");
        spec.ignoreUnsupported("shard");
        List<FreightRequest> requests = new ArrayList<>();
        for (ConfigNode entry : spec.get("requestedFreight").items()) {
            FreightRequest request = freightRequest(entry);
            if (request != null) {
                requests.add(request);
            }
        }
        if (requests.isEmpty() && !spec.get("requestedFreight").json().isContainerNode()) {
            spec.error("missing required field 'requestedFreight'", "add requestedFreight:\n"
                    + "    - origin: {kind: Warehouse, name: <warehouse>}\n      sources: {direct: true}");
        } else if (spec.get("requestedFreight").json().isArray() && spec.get("requestedFreight").json().isEmpty()) {
            spec.get("requestedFreight").error("the stage requests no freight",
                    "add - origin: {kind: Warehouse, name: <warehouse>}\n      sources: {direct: true}");
        }
        spec.oneOf(Set.of("promotionTemplate", "promotionMechanisms"), "the stage");
        Optional<PromotionMechanisms> mechanisms = Optional.empty();
        if (spec.has("promotionMechanisms")) {
            mechanisms = Optional.ofNullable(mechanisms(spec.get("promotionMechanisms")));
        }
        Optional<PromotionTemplate> template = spec.has("promotionTemplate")
                ? Optional.ofNullable(promotionTemplate(spec.get("promotionTemplate"))) : Optional.empty();
        Optional<Verification> verification = spec.has("verification")
                ? Optional.ofNullable(verification(spec.get("verification"))) : Optional.empty();
        return new Stage(project, name, labels, vars(spec.get("vars")), requests, template, mechanisms, verification,
                location);
    }

    private static FreightRequest freightRequest(ConfigNode entry) {
        if (!entry.isMapping("- origin: {kind: Warehouse, name: <warehouse>}")) {
            return null;
        }
        entry.allowOnly("origin", "sources", "semverConstraint", "excludePreReleases", "maturity");
        ConfigNode origin = entry.get("origin");
        String warehouse = "";
        if (!origin.present()) {
            entry.error("missing required field 'origin'", "add origin: {kind: Warehouse, name: <warehouse>}");
        } else if (origin.isMapping("origin: {kind: Warehouse, name: <warehouse>}")) {
            origin.allowOnly("kind", "name");
            String kind = origin.requiredText("kind", "add kind: Warehouse");
            if (!kind.isEmpty() && !kind.equals("Warehouse")) {
                origin.get("kind").error("origin kind '" + kind + "' is not supported; freight comes from a Warehouse",
                        "write kind: Warehouse");
            }
            warehouse = origin.requiredText("name", "name the Warehouse this stage takes freight from");
        }
        ConfigNode sources = entry.get("sources");
        FreightSources freightSources = sources(entry, sources);
        String constraint = entry.text("semverConstraint", "");
        Set<Maturity> maturity = maturity(entry.get("maturity"));
        if (!constraint.isEmpty()) {
            ConstraintChecks.semverRange(entry.get("semverConstraint"), constraint)
                    .ifPresent(range -> warnIfAlphaAdmitted(entry.get("semverConstraint"), range, maturity));
        }
        return new FreightRequest(FreightOrigin.warehouse(warehouse), freightSources, constraint,
                entry.bool("excludePreReleases", false), maturity, entry.location());
    }

    /**
     * A range written to take "beta or stable" ({@code >=1.0.0-beta || >=1.0.0}, the seed's uat example) admits
     * alpha pre-releases too under Kargo's semver rules: a comparison naming a pre-release admits the pre-releases
     * of every version above it. Only the maturity filter says what was meant.
     */
    private static void warnIfAlphaAdmitted(ConfigNode at, SemverRange range, Set<Maturity> maturity) {
        if (!maturity.isEmpty()) {
            return;
        }
        Matcher beta = BETA_COMPARISON.matcher(range.expression());
        while (beta.find()) {
            String alpha = beta.group(1) + "." + new BigInteger(beta.group(2)).add(BigInteger.ONE) + ".0-alpha.1";
            if (range.admits(new Semver(alpha))) {
                at.warning(WarningKind.RANGE_ADMITS_ALPHA, "'" + range.expression() + "' also admits alpha pre-releases such as " + alpha
                                + " (a comparison that names a pre-release admits the pre-releases of every later version)",
                        "to take only beta and stable versions add  maturity: [beta, stable]  to this requestedFreight entry");
                return;
            }
        }
    }

    private static FreightSources sources(ConfigNode entry, ConfigNode sources) {
        if (!sources.present()) {
            entry.error("missing required field 'sources'", "add sources: {direct: true} or sources: {stages: [<upstream>]}");
            return new FreightSources(false, List.of(), FreightSources.AvailabilityStrategy.OneOf, Duration.ZERO,
                    FreightSources.AutoPromotionSelectionPolicy.NewestFreight);
        }
        sources.isMapping("sources: {direct: true}");
        sources.allowOnly("direct", "stages", "availabilityStrategy", "requiredSoakTime", "autoPromotionOptions");
        boolean direct = sources.bool("direct", false);
        List<String> stages = sources.texts("stages");
        if (!direct && stages.isEmpty()) {
            sources.error("sources names neither 'direct: true' nor upstream 'stages'",
                    "add direct: true (freight straight from the Warehouse) or stages: [<upstream stage>]");
        }
        ConfigNode options = sources.get("autoPromotionOptions");
        options.isMapping("autoPromotionOptions: {selectionPolicy: NewestFreight}");
        options.allowOnly("selectionPolicy");
        return new FreightSources(direct, stages,
                sources.enumValue("availabilityStrategy", FreightSources.AvailabilityStrategy.class,
                        FreightSources.AvailabilityStrategy.OneOf),
                sources.kargoDuration("requiredSoakTime", Duration.ZERO),
                options.enumValue("selectionPolicy", FreightSources.AutoPromotionSelectionPolicy.class,
                        FreightSources.AutoPromotionSelectionPolicy.NewestFreight));
    }

    private static Set<Maturity> maturity(ConfigNode node) {
        Set<Maturity> maturities = EnumSet.noneOf(Maturity.class);
        List<ConfigNode> items = node.present() && !node.json().isArray() ? List.of(node) : node.items();
        List<String> names = Arrays.stream(Maturity.values()).map(Maturity::yamlName).toList();
        for (ConfigNode item : items) {
            String value = item.text();
            if (value == null) {
                continue;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (names.contains(lower)) {
                maturities.add(Maturity.valueOf(lower.toUpperCase(Locale.ROOT)));
            } else {
                item.error("'" + value + "' is not a maturity", Spelling.suggest(value, names, "use some of"));
            }
        }
        return maturities;
    }

    static List<ExpressionVariable> vars(ConfigNode node) {
        List<ExpressionVariable> vars = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode item : node.items()) {
            if (!item.isMapping("- name: x\n  value: y")) {
                continue;
            }
            item.allowOnly("name", "value");
            String name = item.requiredText("name", "name the variable");
            if (!name.isEmpty() && !seen.add(name)) {
                item.get("name").error("variable '" + name + "' is defined twice", "remove or rename one");
            }
            ExpressionChecks.template(item.get("value"), KargoExpressions.Context.PROMOTION);
            vars.add(new ExpressionVariable(name, item.text("value", "")));
        }
        return vars;
    }

    private static PromotionTemplate promotionTemplate(ConfigNode template) {
        if (!template.isMapping("promotionTemplate:\n  spec:\n    steps: [...]")) {
            return null;
        }
        template.allowOnly("spec");
        ConfigNode spec = template.get("spec");
        if (!spec.present()) {
            template.error("missing required field 'spec'", "add spec: {steps: [...]}");
            return null;
        }
        spec.isMapping("spec:\n    steps: [...]");
        spec.allowOnly("vars", "steps");
        return new PromotionTemplate(vars(spec.get("vars")), steps(spec, true, "a promotion template"));
    }

    /** {@code spec.steps} of a template ({@code taskAllowed}) or a task, aliases unique, at least one step. */
    static List<PromotionStep> steps(ConfigNode spec, boolean taskAllowed, String what) {
        List<PromotionStep> steps = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        for (ConfigNode item : spec.get("steps").items()) {
            PromotionStep step = step(item, taskAllowed);
            if (step != null) {
                if (!step.as().isEmpty() && !aliases.add(step.as())) {
                    item.get("as").error("step alias '" + step.as() + "' is used twice", "give each step its own 'as'");
                } else if (step.as().contains(PromotionTask.ALIAS_SEPARATOR)) {
                    item.get("as").error("step alias '" + step.as() + "' contains '" + PromotionTask.ALIAS_SEPARATOR
                            + "', which separates a task's alias from its steps' aliases", "choose another alias");
                }
                steps.add(step);
            }
        }
        ConfigNode stepList = spec.get("steps");
        if (!stepList.present()) {
            spec.error("missing required field 'steps'", "add steps: [{uses: git-clone, config: {...}}, ...]");
        } else if (stepList.json().isArray() && stepList.json().isEmpty()) {
            stepList.error(what + " needs at least one step", "add a step, e.g. - uses: git-clone");
        }
        return steps;
    }

    /**
     * One step of a template or a task: {@code uses} a built-in step, or (in a template only) stands for a
     * {@code task}.
     */
    static PromotionStep step(ConfigNode item, boolean taskAllowed) {
        if (!item.isMapping("- uses: git-clone\n  config: {...}")) {
            return null;
        }
        item.allowOnly("uses", "task", "as", "if", "continueOnError", "retry", "vars", "config");
        Optional<PromotionStep.TaskReference> task = Optional.empty();
        String uses = "";
        if (item.has("task")) {
            if (item.has("uses")) {
                item.error("the step has both 'uses' and 'task'", "keep one: a step either uses a built-in step or"
                        + " stands for a promotion task");
            }
            if (!taskAllowed) {
                item.get("task").error("a promotion task's steps cannot stand for another task (as in Kargo)",
                        "write the other task's steps here with 'uses:'");
            } else {
                task = taskReference(item.get("task"));
                for (String ignored : List.of("if", "continueOnError", "retry", "config")) {
                    if (item.has(ignored)) {
                        item.get(ignored).warning(WarningKind.TASK_STEP_SETTING, "'" + ignored + "' on a task step is ignored: the task's own steps"
                                + " run with their own settings (as in Kargo)", "set it on the steps of the task");
                    }
                }
            }
        } else {
            uses = item.requiredText("uses", "name the step kind, e.g. uses: git-clone");
        }
        Optional<PromotionStep.Retry> retry = Optional.empty();
        ConfigNode retryNode = item.get("retry");
        if (retryNode.isMapping("retry: {timeout: 5m, errorThreshold: 3}")) {
            retryNode.allowOnly("timeout", "errorThreshold");
            retry = Optional.of(new PromotionStep.Retry(
                    Optional.ofNullable(retryNode.goDuration("timeout", null)),
                    retryNode.integer("errorThreshold", 0, 0, Integer.MAX_VALUE)));
        }
        ConfigNode config = item.get("config");
        if (config.isMapping("config:\n    key: value")) {
            ExpressionChecks.config(config, uses);
        }
        ExpressionChecks.condition(item.get("if"));
        return new PromotionStep(uses, task, item.text("as", ""), item.text("if", ""),
                item.bool("continueOnError", false), retry, vars(item.get("vars")),
                config.json().isObject() ? config.json() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                item.location());
    }

    private static Optional<PromotionStep.TaskReference> taskReference(ConfigNode task) {
        if (!task.isMapping("task: {name: my-task, kind: PromotionTask}")) {
            return Optional.empty();
        }
        task.allowOnly("name", "kind");
        String name = task.requiredText("name", "name the PromotionTask");
        String kind = task.text("kind", ResourceKind.PROMOTION_TASK.kind());
        ResourceKind resourceKind = ResourceKind.PROMOTION_TASK;
        if (kind.equals(ResourceKind.CLUSTER_PROMOTION_TASK.kind())) {
            resourceKind = ResourceKind.CLUSTER_PROMOTION_TASK;
        } else if (!kind.equals(ResourceKind.PROMOTION_TASK.kind())) {
            task.get("kind").error("'" + kind + "' is not a promotion task kind",
                    "write kind: PromotionTask or kind: ClusterPromotionTask");
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(new PromotionStep.TaskReference(name, resourceKind));
    }

    private static PromotionMechanisms mechanisms(ConfigNode node) {
        if (!node.isMapping("promotionMechanisms:\n  gitRepoUpdates: [...]")) {
            return null;
        }
        node.warning(WarningKind.PROMOTION_MECHANISMS, "'promotionMechanisms' is Kargo's pre-v1.0 form: it is translated into promotion steps",
                "in new configuration write promotionTemplate.spec.steps (git-clone, kustomize-set-image, git-commit, "
                        + "git-push, argocd-update)");
        node.allowOnly("gitRepoUpdates", "argoCDAppUpdates");
        List<GitRepoUpdate> git = new ArrayList<>();
        for (ConfigNode item : node.get("gitRepoUpdates").items()) {
            if (item.isMapping("- repoURL: https://github.com/org/gitops.git")) {
                git.add(gitRepoUpdate(item));
            }
        }
        List<ArgoCDAppUpdate> argo = new ArrayList<>();
        for (ConfigNode item : node.get("argoCDAppUpdates").items()) {
            if (item.isMapping("- appNamespace: argocd\n  appNames: [app]")) {
                argo.add(argoCDAppUpdate(item));
            }
        }
        if (git.isEmpty() && argo.isEmpty()) {
            node.error("promotionMechanisms has neither gitRepoUpdates nor argoCDAppUpdates",
                    "add at least one, or remove promotionMechanisms");
        }
        return new PromotionMechanisms(git, argo, node.location());
    }

    private static GitRepoUpdate gitRepoUpdate(ConfigNode item) {
        item.allowOnly("repoURL", "readBranch", "writeBranch", "insecureSkipTLSVerify", "kustomize", "helm");
        String repoURL = item.requiredText("repoURL", "give the GitOps repository, e.g. https://github.com/org/gitops.git");
        String writeBranch = item.requiredText("writeBranch", "name the branch to commit to, e.g. writeBranch: main");
        item.oneOf(Set.of("kustomize", "helm"), "this git update");
        List<KustomizeImageUpdate> kustomize = new ArrayList<>();
        ConfigNode k = item.get("kustomize");
        if (k.isMapping("kustomize:\n  images: [...]")) {
            k.allowOnly("images");
            for (ConfigNode image : k.get("images").items()) {
                if (!image.isMapping("- image: registry/app\n  path: overlays/dev")) {
                    continue;
                }
                image.allowOnly("image", "repoURL", "path", "useDigest");
                image.oneOf(Set.of("image", "repoURL"), "this image update");
                String ref = imageRef(image);
                String path = image.requiredText("path", "give the directory of the kustomization, e.g. path: overlays/dev");
                checkRepoPath(image.get("path"), path);
                kustomize.add(new KustomizeImageUpdate(ref, path, image.bool("useDigest", false), image.location()));
            }
        }
        List<HelmImageUpdate> helmImages = new ArrayList<>();
        List<HelmChartUpdate> helmCharts = new ArrayList<>();
        ConfigNode h = item.get("helm");
        if (h.isMapping("helm:\n  images: [...]")) {
            h.allowOnly("images", "charts");
            for (ConfigNode image : h.get("images").items()) {
                if (!image.isMapping("- image: registry/app\n  valuesFilePath: values.yaml\n  key: image.tag\n  value: Tag")) {
                    continue;
                }
                image.allowOnly("image", "repoURL", "valuesFilePath", "key", "value");
                image.oneOf(Set.of("image", "repoURL"), "this image update");
                String ref = imageRef(image);
                String file = image.requiredText("valuesFilePath", "give the values file, e.g. charts/app/values.yaml");
                checkRepoPath(image.get("valuesFilePath"), file);
                String key = image.requiredText("key", "give the key to set, e.g. key: image.tag");
                if (!image.has("value")) {
                    image.error("missing required field 'value'", "add value: Tag (or ImageAndTag, ImageAndDigest, Digest)");
                }
                helmImages.add(new HelmImageUpdate(ref, file, key,
                        image.enumValue("value", HelmImageValue.class, HelmImageValue.Tag), image.location()));
            }
            for (ConfigNode chart : h.get("charts").items()) {
                if (!chart.isMapping("- repository: https://charts.example.com\n  name: app\n  chartPath: charts/umbrella")) {
                    continue;
                }
                chart.allowOnly("repository", "name", "chartPath");
                String chartPath = chart.requiredText("chartPath", "give the umbrella chart's directory");
                checkRepoPath(chart.get("chartPath"), chartPath);
                helmCharts.add(new HelmChartUpdate(
                        chart.requiredText("repository", "give the chart repository URL"),
                        chart.requiredText("name", "give the chart's name"), chartPath, chart.location()));
            }
        }
        return new GitRepoUpdate(repoURL, item.text("readBranch", ""), writeBranch,
                item.bool("insecureSkipTLSVerify", false), kustomize, helmImages, helmCharts, item.location());
    }

    /** Kargo wrote the image to update as {@code image}; the seed writes it as {@code repoURL}. */
    private static String imageRef(ConfigNode image) {
        return image.has("repoURL") && !image.has("image") ? image.text("repoURL")
                : image.requiredText("image", "name the image to set, e.g. image: harbor.example.com/services/user-service");
    }

    /** Paths are inside the GitOps repository: no absolute paths, no way out through {@code ..}. */
    private static void checkRepoPath(ConfigNode node, String path) {
        if (path.startsWith("/") || Arrays.asList(path.replace('\\', '/').split("/")).contains("..")) {
            node.error("path '" + path + "' leaves the repository",
                    "write a path relative to the repository root, without '..', e.g. overlays/dev");
        }
    }

    private static ArgoCDAppUpdate argoCDAppUpdate(ConfigNode item) {
        item.allowOnly("appName", "appNames", "appNamespace");
        List<String> names = new ArrayList<>();
        if (item.has("appName")) {
            names.add(item.text("appName"));
        }
        names.addAll(item.texts("appNames"));
        if (names.isEmpty()) {
            item.error("missing required field 'appName' (or the list 'appNames')", "add appName: <Argo CD Application>");
        }
        return new ArgoCDAppUpdate(names, item.text("appNamespace", ArgoCDAppUpdate.DEFAULT_NAMESPACE), item.location());
    }

    /**
     * Kargo's {@code verification{analysisTemplates[], args[], analysisRunMetadata}} and the seed's
     * {@code analysisRuns[]{analysisTemplate{name}, args[]}}, normalised into one {@link Verification}.
     */
    private static Verification verification(ConfigNode node) {
        if (!node.isMapping("verification:\n  analysisTemplates: [{name: smoke-tests}]")) {
            return null;
        }
        node.allowOnly("analysisTemplates", "args", "analysisRunMetadata", "analysisRuns");
        Map<String, Verification.TemplateReference> templates = new LinkedHashMap<>();
        for (ConfigNode item : node.get("analysisTemplates").items()) {
            addTemplate(templates, item);
        }
        Map<String, Verification.Argument> args = new LinkedHashMap<>();
        addArgs(args, node.get("args"));
        ConfigNode runs = node.get("analysisRuns");
        if (runs.present()) {
            runs.warning(WarningKind.ANALYSIS_RUNS, "'analysisRuns' is not a Kargo field: each run's template is read into analysisTemplates "
                    + "and its args into verification.args", "write verification.args: [{name: ..., value: ...}]");
        }
        for (ConfigNode run : runs.items()) {
            if (!run.isMapping("- analysisTemplate: {name: smoke-tests}\n  args: [...]")) {
                continue;
            }
            run.allowOnly("analysisTemplate", "args");
            ConfigNode template = run.get("analysisTemplate");
            if (!template.present()) {
                run.error("missing required field 'analysisTemplate'", "add analysisTemplate: {name: <template>}");
            } else {
                addTemplate(templates, template);
            }
            addArgs(args, run.get("args"));
        }
        if (templates.isEmpty()) {
            node.error("verification names no analysis template", "add analysisTemplates: [{name: <template>}]");
        }
        ConfigNode metadata = node.get("analysisRunMetadata");
        metadata.isMapping("analysisRunMetadata: {labels: {...}, annotations: {...}}");
        metadata.allowOnly("labels", "annotations");
        return new Verification(List.copyOf(templates.values()), List.copyOf(args.values()),
                metadata.textMap("labels"), metadata.textMap("annotations"), node.location());
    }

    private static void addTemplate(Map<String, Verification.TemplateReference> templates, ConfigNode item) {
        if (!item.isMapping("- name: smoke-tests")) {
            return;
        }
        item.allowOnly("name", "kind");
        String name = item.requiredText("name", "name the AnalysisTemplate");
        String kind = item.text("kind", ResourceKind.ANALYSIS_TEMPLATE.kind());
        ResourceKind resourceKind = ResourceKind.ANALYSIS_TEMPLATE;
        if (kind.equals(ResourceKind.CLUSTER_ANALYSIS_TEMPLATE.kind())) {
            resourceKind = ResourceKind.CLUSTER_ANALYSIS_TEMPLATE;
        } else if (!kind.equals(ResourceKind.ANALYSIS_TEMPLATE.kind())) {
            item.get("kind").error("'" + kind + "' is not an analysis template kind",
                    "write kind: AnalysisTemplate or kind: ClusterAnalysisTemplate");
        }
        if (!name.isEmpty()) {
            templates.putIfAbsent(resourceKind + "/" + name,
                    new Verification.TemplateReference(name, resourceKind, item.location()));
        }
    }

    private static void addArgs(Map<String, Verification.Argument> args, ConfigNode list) {
        for (ConfigNode item : list.items()) {
            if (!item.isMapping("- name: service-url\n  value: http://...")) {
                continue;
            }
            item.allowOnly("name", "value");
            String name = item.requiredText("name", "name the argument as the template declares it");
            String value = item.text("value", "");
            ExpressionChecks.template(item.get("value"), KargoExpressions.Context.VERIFICATION_ARGS);
            Verification.Argument earlier = args.get(name);
            if (earlier != null && !earlier.value().equals(value)) {
                item.get("value").error("argument '" + name + "' is given again with a different value (first at "
                                + earlier.location() + "); all templates of a verification get the same arguments",
                        "give it one value, or rename the argument in one of the templates");
            } else if (!name.isEmpty() && earlier == null) {
                args.put(name, new Verification.Argument(name, value, item.location()));
            }
        }
    }
}
