package io.jenkins.plugins.kargo.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds a Kargo project directory may hold that this product does not act on: reported once per kind as "not
 * used here" (a warning), so that a directory written for Kargo applies whole. A kind that is close to one this
 * product reads is a typo and stays an error (with the kind it was likely meant to be), and so does an unknown kind
 * of Kargo's own API group.
 */
final class OtherKinds {

    static final String KARGO_GROUP = "kargo.akuity.io";

    /** Kinds known to appear beside Kargo resources, with why they mean nothing here. */
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("Freight", "Freight is made here by discovery (kargo refresh warehouse) or by kargo create freight"),
            Map.entry("Promotion", "promotions are started with kargo promote (or the Jenkins step)"),
            Map.entry("PromotionRequest", "a Kargo Enterprise resource"),
            Map.entry("Target", "a Kargo Enterprise resource"),
            Map.entry("ClusterConfig", "cluster-wide Kargo settings (webhook receivers, promotion windows) are not"
                    + " read here"),
            Map.entry("MessageChannel", "a Kargo Enterprise notification resource; notifications come from the"
                    + " dashboard ConfigMap here"),
            Map.entry("ClusterMessageChannel", "a Kargo Enterprise notification resource"),
            Map.entry("EventRouter", "a Kargo Enterprise notification resource"),
            Map.entry("Namespace", "a project is its Project resource here"),
            Map.entry("ServiceAccount", "access is the user's own (CLI) or Jenkins' permissions here"),
            Map.entry("Role", "access is the user's own (CLI) or Jenkins' permissions here"),
            Map.entry("RoleBinding", "access is the user's own (CLI) or Jenkins' permissions here"),
            Map.entry("ClusterRole", "access is the user's own (CLI) or Jenkins' permissions here"),
            Map.entry("ClusterRoleBinding", "access is the user's own (CLI) or Jenkins' permissions here"),
            Map.entry("Application", "Argo CD's own resource; argocd-update and argocd-wait talk to Argo CD"),
            Map.entry("ApplicationSet", "Argo CD's own resource"),
            Map.entry("AppProject", "Argo CD's own resource"),
            Map.entry("Rollout", "Argo Rollouts' own resource; verification arguments may read it from the cluster"),
            Map.entry("AnalysisRun", "verifications run here from the stage's analysis templates"),
            Map.entry("Experiment", "Argo Rollouts' own resource"));

    private static final List<String> READ = Arrays.stream(ResourceKind.values()).map(ResourceKind::kind).toList();

    private record Seen(String apiVersion, String why, List<String> names, SourceLocation first) {
    }

    private final Map<String, Seen> seen = new LinkedHashMap<>();

    /**
     * Records a document of a kind this product does not read, or reports it as an error when it is probably a
     * typo of one it does read.
     */
    void add(String kind, String apiVersion, String name, ConfigNode root) {
        boolean known = KNOWN.containsKey(kind);
        boolean kargo = apiVersion.startsWith(KARGO_GROUP + "/");
        if (!known && (kargo || Spelling.closest(kind, READ).isPresent())) {
            root.get("kind").error("unknown kind '" + kind + "'" + (kargo ? " of " + apiVersion : ""),
                    Spelling.suggest(kind, READ, "kinds read here are"));
            return;
        }
        record(kind, apiVersion, KNOWN.getOrDefault(kind, "not a kind this product reads"), name, root);
    }

    /** Records a document this product does not read, for {@code why}. */
    void record(String kind, String apiVersion, String why, String name, ConfigNode root) {
        seen.computeIfAbsent(kind + " " + apiVersion, k -> new Seen(apiVersion, why, new ArrayList<>(),
                root.location())).names().add(name);
    }

    /** One warning per kind seen, naming its resources and why they are not used. */
    void report(Problems problems) {
        seen.forEach((key, s) -> {
            String kind = key.substring(0, key.indexOf(' '));
            problems.warning(WarningKind.KIND_NOT_USED, s.first(), s.names().size() + " " + kind + (s.names().size() == 1 ? "" : "s") + " ("
                            + s.apiVersion() + ": " + String.join(", ", s.names()) + ") not used here: "
                            + s.why(),
                    "nothing to do; they stay as they are wherever else they are applied");
        });
    }
}
