package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Project;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.PromotionTask;
import io.jenkins.plugins.kargo.api.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Checks every {@code uses:} of a configuration against the steps an engine has, when the configuration is applied:
 * a promotion that names a step this product lacks fails at {@code kargo apply}, not after earlier steps have pushed.
 * A step Kargo has is named as such, with the reason it is not here.
 */
public final class StepCheck {

    /** Kargo's built-in steps (OSS, {@code pkg/promotion/runner/builtin}), as of the version this product follows. */
    static final Set<String> KARGO_STEPS = Set.of("argocd-update", "argocd-wait", "compose-output", "copy", "delete",
            "fail", "file-write", "git-clear", "git-clone", "git-commit", "git-merge-pr", "git-open-pr", "git-push",
            "git-tag", "git-wait-for-pr", "github-push", "helm-template", "helm-update-chart", "kustomize-build",
            "kustomize-set-image", "http", "http-download", "oci-download", "oci-push", "json-parse", "json-update",
            "toml-parse", "toml-update", "yaml-merge", "yaml-parse", "yaml-update", "set-freight-alias",
            "set-metadata", "tar", "untar");

    /** Kargo's steps that cannot run here, and why. */
    static final Map<String, String> REFUSED = Map.of(
            "helm-template", "it runs Helm's template engine, and no helm binary can be installed on the machines"
                    + " this product is built for; render the chart where helm runs (e.g. a CI build) and commit the"
                    + " manifests, or use kustomize-build",
            "github-push", "it creates commits through GitHub's API (signed by GitHub), which cannot be reached"
                    + " here; use git-push");

    /** Kargo Enterprise's steps (docs/enterprise-features.json and the reference docs). */
    private static final List<String> ENTERPRISE_PREFIXES = List.of("send-message", "jira", "snow-", "tf-", "gha-",
            "gh-", "hcl-update", "jfrog-evidence", "wait-for-approval", "get-user-input", "record-audit-event");

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private StepCheck() {
    }

    /** One error per step (of a stage or a promotion task) whose {@code uses:} the registry does not have. */
    public static List<ConfigProblem> problems(KargoConfig config, StepRegistry registry) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Project project : config.projects()) {
            for (Stage stage : config.stages(project.name())) {
                stage.promotionTemplate().ifPresent(t -> t.steps().forEach(s -> check(s, registry, problems)));
            }
        }
        for (var task : config.resources().stream().filter(PromotionTask.class::isInstance)
                .map(PromotionTask.class::cast).toList()) {
            task.steps().forEach(s -> check(s, registry, problems));
        }
        return problems;
    }

    private static void check(PromotionStep step, StepRegistry registry, List<ConfigProblem> problems) {
        String uses = step.uses();
        if (step.task().isPresent() || registry.knows(uses)) {
            return;
        }
        var at = step.location().at("uses", 0);
        if (REFUSED.containsKey(uses)) {
            problems.add(ConfigProblem.error(at, "Kargo's step '" + uses + "' cannot run here: " + REFUSED.get(uses),
                    "replace the step"));
        } else if (KARGO_STEPS.contains(uses)) {
            problems.add(ConfigProblem.error(at, "Kargo's step '" + uses + "' is not available here",
                    "see docs/kargo-compatibility.md for the steps this product has; available: "
                            + String.join(", ", registry.names())));
        } else if (ENTERPRISE_PREFIXES.stream().anyMatch(uses::startsWith)) {
            problems.add(ConfigProblem.error(at, "'" + uses + "' is a Kargo Enterprise step, not available here",
                    "replace the step; docs/kargo-compatibility.md lists the steps this product has"));
        } else {
            String closest = registry.names().stream()
                    .min(java.util.Comparator.comparingInt(n -> DISTANCE.apply(n, uses))).orElse("");
            boolean typo = !closest.isEmpty() && DISTANCE.apply(closest, uses) <= Math.max(2, uses.length() / 3);
            problems.add(ConfigProblem.error(at, "unknown step '" + uses + "'", typo ? "did you mean '" + closest
                    + "'?" : "use one of " + String.join(", ", registry.names())));
        }
    }
}
