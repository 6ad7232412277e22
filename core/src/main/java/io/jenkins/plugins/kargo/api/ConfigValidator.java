package io.jenkins.plugins.kargo.api;

import io.jenkins.plugins.kargo.api.PromotionMechanisms.KustomizeImageUpdate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks across resources, once each has been read on its own: names unique, references resolved (warehouses,
 * upstream stages, analysis templates and their arguments), the stage graph acyclic, promotion policies consistent.
 */
final class ConfigValidator {

    private ConfigValidator() {
    }

    /**
     * @param policies   per project, the merged promotion policies (ProjectConfig's first, then the Project's)
     * @param stageOrder per project, stages ordered upstream first
     */
    record Result(Map<String, List<PromotionPolicy>> policies, Map<String, List<Stage>> stageOrder) {
    }

    static Result validate(List<KargoResource> resources, Problems problems) {
        checkUnique(resources, problems);
        Map<String, List<Stage>> stageOrder = new LinkedHashMap<>();
        Map<String, List<PromotionPolicy>> policies = new LinkedHashMap<>();
        for (Project project : of(resources, Project.class)) {
            String name = project.name();
            Map<String, Warehouse> warehouses = byName(resources, Warehouse.class, name);
            Map<String, Stage> stages = byName(resources, Stage.class, name);
            for (Stage stage : stages.values()) {
                checkRequests(stage, warehouses, stages, problems);
                stage.verification().ifPresent(v -> checkVerification(stage, v, resources, problems));
                stage.promotionMechanisms().ifPresent(m -> checkImages(stage, m, warehouses, problems));
                stage.promotionTemplate().ifPresent(t -> checkTasks(stage, t, resources, problems));
            }
            stageOrder.put(name, order(stages, problems));
            policies.put(name, mergePolicies(project, resources, stages, problems));
        }
        of(resources, DashboardConfig.class).stream().skip(1).forEach(extra -> problems.error(extra.location(),
                "a second dashboard ConfigMap", "keep one ConfigMap with data.\"config.yaml\""));
        of(resources, DashboardConfig.class).forEach(d -> checkDashboard(d, resources, problems));
        return new Result(policies, stageOrder);
    }

    private static void checkUnique(List<KargoResource> resources, Problems problems) {
        Map<String, KargoResource> seen = new HashMap<>();
        for (KargoResource resource : resources) {
            String key = resource.kind() + "/" + resource.project() + "/" + resource.name();
            KargoResource first = seen.putIfAbsent(key, resource);
            if (first != null) {
                problems.error(resource.location(), resource.kind() + " '" + resource.name() + "' is defined twice"
                                + (resource.project().isEmpty() ? "" : " in project " + resource.project())
                                + " (first at " + first.location() + ")",
                        "remove one, or give it another metadata.name");
            }
        }
    }

    private static void checkRequests(Stage stage, Map<String, Warehouse> warehouses, Map<String, Stage> stages,
                                      Problems problems) {
        Set<String> origins = new HashSet<>();
        for (FreightRequest request : stage.requestedFreight()) {
            String warehouse = request.origin().name();
            SourceLocation at = request.location();
            if (!warehouse.isEmpty() && !warehouses.containsKey(warehouse)) {
                problems.error(at.at("origin.name", 0), "unknown warehouse '" + warehouse + "' in project "
                        + stage.project(), fixName(warehouse, warehouses.keySet(), "Warehouse"));
            }
            if (!origins.add(request.origin().toString())) {
                problems.error(at.at("origin", 0), "freight from " + request.origin() + " is requested twice",
                        "merge the two requestedFreight entries");
            }
            for (String upstream : request.sources().stages()) {
                Stage source = stages.get(upstream);
                if (upstream.equals(stage.name())) {
                    problems.error(at.at("sources.stages", 0), "stage '" + upstream + "' names itself as upstream",
                            "name the stage it takes freight from");
                } else if (source == null) {
                    problems.error(at.at("sources.stages", 0), "unknown upstream stage '" + upstream + "' in project "
                            + stage.project(), fixName(upstream, stages.keySet(), "Stage"));
                } else if (source.requestedFreight().stream().noneMatch(r -> r.origin().equals(request.origin()))) {
                    problems.error(at.at("sources.stages", 0), "upstream stage '" + upstream + "' does not request "
                                    + request.origin() + ", so no such freight can come from it",
                            "request " + request.origin() + " in stage " + upstream + ", or take it directly (direct: true)");
                }
            }
        }
    }

    private static String fixName(String name, Set<String> known, String kind) {
        return known.isEmpty() ? "define a " + kind + " named " + name + " in this project"
                : Spelling.suggest(name, known, "known " + kind + "s are") + " (or define a " + kind + " named " + name + ")";
    }

    /**
     * Stages ordered upstream first; a cycle is reported with its path. A depth-first walk with a stack of its own,
     * not the call stack, so that a chain or cycle of thousands of stages is an answer, not a StackOverflowError.
     */
    private static List<Stage> order(Map<String, Stage> stages, Problems problems) {
        List<Stage> ordered = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (Stage root : stages.values()) {
            if (state.containsKey(root.name())) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Map.Entry<Stage, Iterator<String>>> walk = new ArrayDeque<>();
            state.put(root.name(), 1);
            path.push(root.name());
            walk.push(Map.entry(root, root.upstreamStages().iterator()));
            while (!walk.isEmpty()) {
                Stage stage = walk.peek().getKey();
                Iterator<String> upstreams = walk.peek().getValue();
                if (!upstreams.hasNext()) {
                    walk.pop();
                    path.pop();
                    state.put(stage.name(), 2);
                    ordered.add(stage);
                    continue;
                }
                String upstream = upstreams.next();
                Stage source = stages.get(upstream);
                if (source == null || upstream.equals(stage.name())) {
                    continue;
                }
                Integer seen = state.get(upstream);
                if (seen == null) {
                    state.put(upstream, 1);
                    path.push(upstream);
                    walk.push(Map.entry(source, source.upstreamStages().iterator()));
                } else if (seen == 1) {
                    reportCycle(source, path, problems);
                }
            }
        }
        return ordered;
    }

    /** The most stages of a cycle a message names one by one. */
    private static final int MAX_CYCLE_SHOWN = 12;

    private static void reportCycle(Stage stage, Deque<String> path, Problems problems) {
        List<String> cycle = new ArrayList<>(path);
        java.util.Collections.reverse(cycle);
        cycle = cycle.subList(cycle.indexOf(stage.name()), cycle.size());
        SourceLocation at = stage.requestedFreight().stream().filter(r -> !r.sources().stages().isEmpty())
                .findFirst().map(r -> r.location().at("sources.stages", 0)).orElse(stage.location());
        List<String> shown = cycle.size() <= MAX_CYCLE_SHOWN ? cycle : List.of(
                String.join(" → ", cycle.subList(0, MAX_CYCLE_SHOWN - 1)),
                "… (" + (cycle.size() - MAX_CYCLE_SHOWN) + " more) …", cycle.get(cycle.size() - 1));
        problems.error(at, "the stages form a cycle" + (cycle.size() > MAX_CYCLE_SHOWN ? " of " + cycle.size()
                        + " stages" : "") + ": " + String.join(" → ", shown) + " → " + stage.name(),
                "remove one of these upstream links so freight flows one way");
    }

    private static void checkVerification(Stage stage, Verification verification, List<KargoResource> resources,
                                          Problems problems) {
        Set<String> given = verification.args().stream().map(Verification.Argument::name).collect(Collectors.toSet());
        for (Verification.TemplateReference ref : verification.analysisTemplates()) {
            String project = ref.kind() == ResourceKind.CLUSTER_ANALYSIS_TEMPLATE ? "" : stage.project();
            Optional<AnalysisTemplate> template = of(resources, AnalysisTemplate.class).stream()
                    .filter(t -> t.kind() == ref.kind() && t.project().equals(project) && t.name().equals(ref.name()))
                    .findFirst();
            if (template.isEmpty()) {
                Set<String> known = of(resources, AnalysisTemplate.class).stream()
                        .filter(t -> t.kind() == ref.kind() && t.project().equals(project))
                        .map(AnalysisTemplate::name).collect(Collectors.toSet());
                problems.error(ref.location(), "unknown " + ref.kind() + " '" + ref.name() + "'"
                        + (project.isEmpty() ? "" : " in project " + project), fixName(ref.name(), known, ref.kind().kind()));
                continue;
            }
            for (AnalysisTemplate.Argument arg : template.get().args()) {
                if (arg.required() && !given.contains(arg.name())) {
                    problems.error(ref.location(), ref.kind() + " '" + ref.name() + "' needs argument '" + arg.name()
                                    + "', which this verification does not give",
                            "add to verification.args: - name: " + arg.name() + "\n      value: <value>");
                }
            }
        }
    }

    /** Each {@code task:} step names an existing task and gives every input the task has no default for. */
    private static void checkTasks(Stage stage, PromotionTemplate template, List<KargoResource> resources,
                                   Problems problems) {
        List<ExpressionVariable> promotionVars = new ArrayList<>(stage.vars());
        promotionVars.addAll(template.vars());
        for (PromotionStep step : template.steps()) {
            if (step.task().isEmpty()) {
                continue;
            }
            PromotionStep.TaskReference ref = step.task().get();
            String project = ref.kind() == ResourceKind.CLUSTER_PROMOTION_TASK ? "" : stage.project();
            List<PromotionTask> candidates = of(resources, PromotionTask.class).stream()
                    .filter(t -> t.kind() == ref.kind() && t.project().equals(project)).toList();
            Optional<PromotionTask> task = candidates.stream().filter(t -> t.name().equals(ref.name())).findFirst();
            if (task.isEmpty()) {
                problems.error(step.location().at("task.name", 0), "unknown " + ref
                                + (project.isEmpty() ? "" : " in project " + project),
                        fixName(ref.name(), candidates.stream().map(PromotionTask::name).collect(Collectors.toSet()),
                                ref.kind().kind()));
                continue;
            }
            for (String input : task.get().missingInputs(promotionVars, step.vars())) {
                problems.error(step.location(), ref + " needs input '" + input + "', which neither this step's vars"
                                + " nor the stage's and template's vars give",
                        "add to this step: vars: [{name: " + input + ", value: <value>}]");
            }
        }
    }

    /** Each image a legacy kustomize update sets must come from a warehouse the stage requests freight from. */
    private static void checkImages(Stage stage, PromotionMechanisms mechanisms, Map<String, Warehouse> warehouses,
                                    Problems problems) {
        Set<String> images = new HashSet<>();
        for (FreightRequest request : stage.requestedFreight()) {
            Warehouse warehouse = warehouses.get(request.origin().name());
            if (warehouse != null) {
                warehouse.subscriptions().stream().filter(s -> s instanceof ImageSubscription)
                        .forEach(s -> images.add(s.repoURL()));
            }
        }
        if (images.isEmpty()) {
            return; // the warehouse is unknown (already reported) or has no images
        }
        for (PromotionMechanisms.GitRepoUpdate update : mechanisms.gitRepoUpdates()) {
            for (KustomizeImageUpdate image : update.kustomizeImages()) {
                if (!images.contains(image.image())) {
                    problems.error(image.location(), "image '" + image.image() + "' is not subscribed to by any "
                                    + "warehouse this stage requests, so no freight can say which tag to set",
                            Spelling.suggest(image.image(), images, "subscribed images are"));
                }
            }
        }
    }

    /** ProjectConfig's policies first, then the seed's Project policies; a contradiction names both places. */
    private static List<PromotionPolicy> mergePolicies(Project project, List<KargoResource> resources,
                                                       Map<String, Stage> stages, Problems problems) {
        List<PromotionPolicy> all = new ArrayList<>();
        of(resources, ProjectConfig.class).stream().filter(c -> c.project().equals(project.name()))
                .forEach(c -> all.addAll(c.promotionPolicies()));
        all.addAll(project.promotionPolicies());
        Map<StageSelector, PromotionPolicy> merged = new LinkedHashMap<>();
        for (PromotionPolicy policy : all) {
            PromotionPolicy earlier = merged.putIfAbsent(policy.stageSelector(), policy);
            if (earlier != null && !sameEffect(earlier, policy)) {
                problems.error(policy.location(), "this policy for " + describe(policy.stageSelector())
                                + " contradicts the one at " + earlier.location() + " (autoPromotionEnabled "
                                + policy.autoPromotionEnabled() + " here, " + earlier.autoPromotionEnabled() + " there"
                                + (policy.autoRollback().equals(earlier.autoRollback()) ? "" : "; autoRollback differs") + ")",
                        "make the two agree, or remove the one in " + policy.location().file());
            }
        }
        for (PromotionPolicy policy : merged.values()) {
            StageSelector selector = policy.stageSelector();
            if (!selector.isPattern() && selector.matchLabels().isEmpty() && !stages.containsKey(selector.name())) {
                problems.warning(WarningKind.POLICY_WITHOUT_STAGE, policy.location(), "no stage named '" + selector.name() + "' in project "
                        + project.name() + ": the policy has no effect", fixName(selector.name(), stages.keySet(), "Stage"));
            }
        }
        return List.copyOf(merged.values());
    }

    private static boolean sameEffect(PromotionPolicy a, PromotionPolicy b) {
        return a.autoPromotionEnabled() == b.autoPromotionEnabled() && a.autoRollback().equals(b.autoRollback());
    }

    private static String describe(StageSelector selector) {
        return selector.matchLabels().isEmpty() ? "stage '" + selector.name() + "'"
                : "stages matching " + selector.name() + " " + selector.matchLabels();
    }

    private static void checkDashboard(DashboardConfig dashboard, List<KargoResource> resources, Problems problems) {
        Set<String> projects = of(resources, Project.class).stream().map(Project::name).collect(Collectors.toSet());
        for (DashboardConfig.ShownProject shown : dashboard.projects()) {
            if (!projects.contains(shown.name())) {
                problems.error(shown.location(), "the dashboard shows unknown project '" + shown.name() + "'",
                        fixName(shown.name(), projects, "Project"));
                continue;
            }
            Set<String> warehouses = byName(resources, Warehouse.class, shown.name()).keySet();
            shown.warehouses().stream().filter(w -> !warehouses.contains(w)).forEach(w -> problems.error(
                    shown.location(), "the dashboard shows unknown warehouse '" + w + "'",
                    fixName(w, warehouses, "Warehouse")));
            Set<String> stages = byName(resources, Stage.class, shown.name()).keySet();
            shown.stages().stream().filter(s -> !stages.contains(s)).forEach(s -> problems.error(
                    shown.location(), "the dashboard shows unknown stage '" + s + "'", fixName(s, stages, "Stage")));
        }
    }

    static <T extends KargoResource> List<T> of(List<KargoResource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends KargoResource> Map<String, T> byName(List<KargoResource> resources, Class<T> type,
                                                                  String project) {
        Map<String, T> map = new LinkedHashMap<>();
        of(resources, type).stream().filter(r -> r.project().equals(project)).forEach(r -> map.putIfAbsent(r.name(), r));
        return map;
    }
}
