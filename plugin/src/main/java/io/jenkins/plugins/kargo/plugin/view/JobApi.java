package io.jenkins.plugins.kargo.plugin.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.Failure;
import io.jenkins.plugins.kargo.plugin.history.PastPromotion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What only Jenkins knows, beside the Freight view's own API: the Kargo gates waiting in the job's running builds
 * (approve and reject go through the build's {@code input}, so its checks apply) and the promotions the job's builds
 * made (the history "roll back to this" offers). Any other path goes to the view's API.
 */
final class JobApi implements ViewEndpoint.Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<List<PendingGate>> gates;
    private final BiFunction<String, String, List<PastPromotion>> history;
    private final String project;
    private final ViewEndpoint.Api view;

    /**
     * @param history the promotions of a project's stage made by the job's builds, newest first
     * @param view    the Freight view's API for every other path
     */
    JobApi(String project, Supplier<List<PendingGate>> gates,
           BiFunction<String, String, List<PastPromotion>> history, ViewEndpoint.Api view) {
        this.project = project;
        this.gates = gates;
        this.history = history;
        this.view = view;
    }

    @Override
    public ViewResponse handle(String method, String path, Map<String, String[]> query, String body, String actor)
            throws Exception {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        if (p.length == 2 && p[0].equals("jenkins") && p[1].equals("gates") && method.equals("GET")) {
            return gatesJson();
        }
        if (p.length == 2 && p[0].equals("jenkins") && p[1].equals("history") && method.equals("GET")) {
            String[] stage = query.get("stage");
            if (stage == null || stage.length == 0 || stage[0].isBlank()) {
                return ViewResponse.error(400, "bad-request", "query parameter stage is required");
            }
            return historyJson(stage[0]);
        }
        if (p.length == 4 && p[0].equals("jenkins") && p[1].equals("gates") && method.equals("POST")
                && (p[3].equals("approve") || p[3].equals("reject"))) {
            return decide(p[2], p[3].equals("approve"));
        }
        return view.handle(method, path, query, body, actor);
    }

    private ViewResponse gatesJson() throws Exception {
        ArrayNode list = JSON.createArrayNode();
        for (PendingGate g : gates.get()) {
            list.addObject().put("id", g.id()).put("message", g.message()).put("build", g.runUrl())
                    .put("proceedUrl", g.proceedUrl()).put("abortUrl", g.abortUrl());
        }
        return ViewResponse.json(200, JSON.writeValueAsString(list));
    }

    private ViewResponse historyJson(String stage) throws Exception {
        ArrayNode list = JSON.createArrayNode();
        for (PastPromotion past : history.apply(project, stage)) {
            ObjectNode entry = list.addObject().put("build", past.build()).put("buildUrl", past.buildUrl())
                    .put("freight", past.freight()).put("freightAlias", past.freightAlias())
                    .put("result", past.result().name());
            ObjectNode versions = entry.putObject("versions");
            past.versions().forEach(versions::put);
        }
        return ViewResponse.json(200, JSON.writeValueAsString(list));
    }

    private ViewResponse decide(String id, boolean approve) throws Exception {
        Optional<PendingGate> gate = gates.get().stream().filter(g -> g.id().equals(id)).findFirst();
        if (gate.isEmpty()) {
            return ViewResponse.error(404, "not-found", "no gate " + id + " waits in a running build of this job");
        }
        try {
            if (approve) {
                gate.get().decide().approve();
            } else {
                gate.get().decide().reject();
            }
        } catch (Failure refused) {
            return ViewResponse.error(403, "forbidden", refused.getMessage());
        }
        return ViewResponse.json(200, "{\"" + (approve ? "approved" : "rejected") + "\":" + ViewResponse.quote(id)
                + "}");
    }
}
