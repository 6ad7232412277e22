package io.jenkins.plugins.kargo.cli.web;

import io.jenkins.plugins.kargo.ui.api.Access;
import io.jenkins.plugins.kargo.ui.api.ApiException;
import io.jenkins.plugins.kargo.ui.api.ApiRequest;
import io.jenkins.plugins.kargo.ui.api.ApiResponse;
import io.jenkins.plugins.kargo.ui.api.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * Records in the shape {@code docs/api.md} gives, served by the real web server, for the view's own tests: how it
 * renders a pipeline, a timeline and a confirmation, what it sends, what it escapes. They hold what no registry
 * could hold (a tag named {@code <img src=x onerror=alert(1)>}); the engine's own records are tested through the
 * application layer's routes.
 */
final class SampleViews {

    static final String XSS = "<img src=x onerror=alert(1)>";
    static final List<String> SEED_STAGES = List.of("dev", "staging", "uat", "preprod", "production");

    /** The writes the view sent, in order: route, actor, body. */
    final List<String> writes = new CopyOnWriteArrayList<>();
    final List<Map<String, List<String>>> timelineQueries = new CopyOnWriteArrayList<>();

    private final List<String> stages;
    private final List<Map<String, Object>> edges;
    private final int freightCount;
    private final String theme;

    private SampleViews(List<String> stages, List<Map<String, Object>> edges, int freightCount, String theme) {
        this.stages = stages;
        this.edges = edges;
        this.freightCount = freightCount;
        this.theme = theme;
    }

    /** The seed's pipeline: dev → staging → uat → preprod → production from services-warehouse. */
    static SampleViews seed(String theme) {
        List<Map<String, Object>> edges = new ArrayList<>(List.of(edge("warehouse/services-warehouse", "stage/dev")));
        for (int i = 1; i < SEED_STAGES.size(); i++) {
            edges.add(edge("stage/" + SEED_STAGES.get(i - 1), "stage/" + SEED_STAGES.get(i)));
        }
        return new SampleViews(SEED_STAGES, edges, 6, theme);
    }

    /** {@code stages} stages in a line from one warehouse, and {@code freight} Freight: the view at scale. */
    static SampleViews scaled(int stages, int freight) {
        List<String> names = IntStream.rangeClosed(1, stages).mapToObj(i -> "stage-" + i).toList();
        List<Map<String, Object>> edges = new ArrayList<>(List.of(edge("warehouse/services-warehouse", "stage/stage-1")));
        for (int i = 1; i < stages; i++) {
            edges.add(edge("stage/" + names.get(i - 1), "stage/" + names.get(i)));
        }
        return new SampleViews(names, edges, freight, "light");
    }

    /** dev fans out to qa-east and qa-west, which fan in to prod. */
    static SampleViews fanOutFanIn() {
        return new SampleViews(List.of("dev", "qa-east", "qa-west", "prod"), List.of(
                edge("warehouse/services-warehouse", "stage/dev"), edge("stage/dev", "stage/qa-east"),
                edge("stage/dev", "stage/qa-west"), edge("stage/qa-east", "stage/prod"), edge("stage/qa-west", "stage/prod")),
                3, "light");
    }

    Router router() {
        String p = "/projects/{project}";
        return new Router()
                .get("/projects", r -> ApiResponse.ok(List.of("myapp")))
                .get(p + "/pipeline", r -> ApiResponse.ok(pipeline()))
                .get(p + "/freight", this::timeline)
                .get(p + "/stages/{stage}", r -> ApiResponse.ok(stageDetail(r.param("stage"))))
                .post(p + "/stages/{stage}/preview", Access.WRITE, r -> ApiResponse.ok(preview(r.param("stage"))))
                .post(p + "/stages/{stage}/promote", Access.WRITE, r -> written("promote", r,
                        ApiResponse.accepted(Map.of("name", r.param("stage") + ".01abc.d9eac25", "stage", r.param("stage")))))
                .post(p + "/stages/{stage}/approve", Access.WRITE, r -> written("approve", r,
                        ApiResponse.ok(Map.of("result", "SIGNED_OFF"))))
                .post(p + "/stages/{stage}/rollback", Access.WRITE, r -> written("rollback", r,
                        ApiResponse.accepted(Map.of("name", "rb", "stage", r.param("stage")))))
                .post(p + "/stages/{stage}/verify", Access.WRITE, r -> written("verify", r,
                        ApiResponse.accepted(Map.of("name", r.param("stage") + ".v2", "stage", r.param("stage")))))
                .post(p + "/stages/{stage}/abort-verification", Access.WRITE, r -> written("abort-verification", r,
                        ApiResponse.ok(Map.of("name", r.param("stage") + ".v1", "now", false))));
    }

    private ApiResponse written(String what, ApiRequest r, ApiResponse answer) {
        writes.add(what + " " + r.param("stage") + " by " + r.actor() + " " + r.body());
        return answer;
    }

    Map<String, Object> pipeline() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("project", "myapp");
        view.put("ui", Map.of("theme", theme, "refreshInterval", 30));
        view.put("approvers", List.of("admin@yourdomain.com"));
        view.put("warehouses", List.of(Map.of("name", "services-warehouse", "ready", "True",
                "lastFreight", Map.of("name", freightName(0), "alias", alias(0)), "lastDiscovery", "2026-12-04T10:00:00Z")));
        view.put("stages", stages.stream().map(this::card).toList());
        view.put("edges", edges);
        return view;
    }

    Map<String, Object> card(String stage) {
        int index = stages.indexOf(stage);
        boolean gated = index >= 2;
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", stage);
        card.put("freight", index <= 2 ? freightRef(index == 2 ? 1 : 0) : null);
        card.put("health", index <= 1 ? "Healthy" : index == 2 ? "Unknown" : "Unknown");
        card.put("verification", index <= 1 ? Map.of("name", stage + ".v1", "phase", "Successful", "message", "")
                : index == 2 ? Map.of("name", "uat.v1", "phase", "Running", "message", "UAT sign-off: waits for a person") : null);
        card.put("hold", null);
        card.put("lastPromotion", index <= 2 ? Map.of("name", stage + ".p1", "phase", "Succeeded", "freightAlias", alias(0),
                "actor", "kargo-controller", "at", "2026-12-04T10:05:00Z") : null);
        card.put("gate", Map.of("manual", gated, "approvers", gated ? List.of("admin@yourdomain.com") : List.of()));
        card.put("autoPromotion", !gated);
        card.put("waitingForPerson", index == 2);
        card.put("waitingFreight", index == 2 ? freightRef(1) : null);
        card.put("promotionRunning", null);
        return card;
    }

    private ApiResponse timeline(ApiRequest r) {
        timelineQueries.add(r.query());
        int offset = r.intQuery("offset", 0, 0, Integer.MAX_VALUE);
        int limit = r.intQuery("limit", 50, 1, 200);
        List<String> maturity = r.queryAll("maturity");
        List<Map<String, Object>> matching = IntStream.range(0, freightCount).mapToObj(this::freightCard)
                .filter(f -> maturity.isEmpty() || maturity.contains(f.get("maturity"))).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", matching.size());
        view.put("offset", offset);
        view.put("limit", limit);
        view.put("stages", stages);
        view.put("warehouses", List.of("services-warehouse"));
        view.put("artifacts", List.of("harbor.yourdomain.com/services/user-service"));
        view.put("freight", matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size())));
        return ApiResponse.ok(view);
    }

    Map<String, Object> freightCard(int i) {
        Map<String, Object> f = new LinkedHashMap<>(freightRef(i));
        f.put("warehouse", "services-warehouse");
        f.put("createdAt", "2026-12-04T09:00:00Z");
        f.put("maturity", maturity(i));
        f.put("inStages", i == 0 ? stages.subList(0, Math.min(2, stages.size())) : i == 1 && stages.size() > 2 ? List.of(stages.get(2)) : List.of());
        f.put("verifiedIn", i <= 1 ? stages.subList(0, Math.min(2, stages.size())) : List.of());
        f.put("approvedFor", List.of());
        Map<String, Object> availability = new LinkedHashMap<>();
        for (int s = 0; s < stages.size(); s++) {
            boolean available = s == 0 || (i <= 1 && s <= 2);
            availability.put(stages.get(s), Map.of("available", available, "reason", available
                    ? "verified in " + (s == 0 ? "Warehouse/services-warehouse" : stages.get(s - 1))
                    : "not verified in " + stages.get(Math.max(0, s - 1)) + " yet"));
        }
        f.put("availability", availability);
        return f;
    }

    private Map<String, Object> freightRef(int i) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("name", freightName(i));
        ref.put("alias", alias(i));
        ref.put("warehouse", "services-warehouse");
        String tag = i == 2 ? XSS : "v1.2." + (freightCount - i) + (maturity(i).equals("stable") ? "" : "-" + maturity(i) + ".1");
        ref.put("artifacts", List.of(
                artifact("harbor.yourdomain.com/services/user-service", tag, maturity(i)),
                artifact("harbor.yourdomain.com/services/payment-service", "v1.2." + (freightCount - i), "stable")));
        return ref;
    }

    private static Map<String, Object> artifact(String repository, String version, String maturity) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", "image");
        a.put("repository", repository);
        a.put("version", version);
        a.put("digest", "sha256:" + "0".repeat(64));
        a.put("maturity", maturity);
        return a;
    }

    private Map<String, Object> preview(String stage) {
        if (!stages.contains(stage)) {
            throw ApiException.notFound("stage " + stage + " not found");
        }
        return Map.of("stage", stage, "freight", freightRef(0),
                "changes", List.of(Map.of("repository", "harbor.yourdomain.com/services/user-service", "from", "v1.2.5-beta.1", "to", "v1.2.6"),
                        Map.of("repository", "harbor.yourdomain.com/services/payment-service", "from", "v1.2.6", "to", "v1.2.6")),
                "commits", List.of(Map.of("repository", "https://github.com/yourorg/gitops-config.git", "branch", "main",
                        "paths", List.of("overlays/" + stage + "/kustomization.yaml"),
                        "diff", "--- a/overlays/" + stage + "/kustomization.yaml\n+++ b/overlays/" + stage + "/kustomization.yaml\n"
                                + "@@ -3,1 +3,1 @@\n-  newTag: v1.2.5-beta.1\n+  newTag: v1.2.6")),
                "steps", List.of("git-clone", "kustomize-set-image", "git-commit", "git-push", "argocd-update"),
                "verification", List.of("manual-uat-approval"));
    }

    private Map<String, Object> stageDetail(String stage) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("card", card(stage));
        detail.put("history", List.of(
                Map.of("freight", freightRef(0), "promotion", stage + ".p2", "promotedAt", "2026-12-04T10:05:00Z",
                        "verifications", List.of(), "current", true),
                Map.of("freight", freightRef(2), "promotion", stage + ".p1", "promotedAt", "2026-12-03T10:05:00Z",
                        "verifications", List.of(Map.of("name", stage + ".v0", "phase", "Successful")), "current", false)));
        detail.put("promotions", List.of(Map.of("name", stage + ".p2", "stage", stage, "freight", freightRef(0),
                "phase", "Succeeded", "message", "", "actor", XSS, "createdAt", "2026-12-04T10:05:00Z",
                "steps", List.of(Map.of("alias", "commit", "uses", "git-commit", "status", "Succeeded",
                        "message", "committed " + XSS)), "verification", stage + ".v1")));
        detail.put("verifications", List.of());
        detail.put("decisions", List.of());
        return detail;
    }

    private String freightName(int i) {
        return String.format("%040x", i + 1);
    }

    private static String alias(int i) {
        return List.of("icy-sparrow", "brave-otter", "calm-heron", "dusty-lynx", "eager-moth", "fuzzy-crane").get(i % 6)
                + (i >= 6 ? "-" + i : "");
    }

    private static String maturity(int i) {
        return List.of("stable", "beta", "alpha").get(i % 3);
    }

    private static Map<String, Object> edge(String from, String to) {
        return Map.of("from", from, "to", to);
    }
}
