package io.jenkins.plugins.kargo.plugin.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.ui.UiAssets;
import io.jenkins.plugins.kargo.ui.api.ApiErrors;
import io.jenkins.plugins.kargo.ui.api.ApiException;
import io.jenkins.plugins.kargo.ui.api.ApiRequest;
import io.jenkins.plugins.kargo.ui.api.ApiResponse;
import io.jenkins.plugins.kargo.ui.api.Router;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Freight view's files and JSON API as the {@code ui} module ships them: its static files are served from
 * {@link UiAssets#ROOT} as they are, and its API paths are answered by its route table, the one {@code kargo serve}
 * answers with (docs/api.md), after the Jenkins page's own checks. The routes that read and drive the pipeline come
 * into that table with the application layer; this class stays as it is.
 */
final class FreightViewApi implements ViewEndpoint.Api {

    /** The class-path folder of the view's {@code index.html}, {@code js/} and {@code css/}. */
    static final String ASSETS = UiAssets.ROOT;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Router router;

    FreightViewApi(Router router) {
        this.router = router;
    }

    /** The view's route table as the {@code ui} module defines it. */
    static FreightViewApi of() {
        return new FreightViewApi(new Router());
    }

    @Override
    public ViewResponse handle(String method, String path, Map<String, String[]> query, String body, String actor)
            throws Exception {
        ApiResponse answer;
        try {
            Router.Match match = router.match(method, path);
            answer = match.handler().handle(new ApiRequest(match.params(), lists(query), body, actor));
        } catch (Exception e) {
            ApiException error = ApiErrors.of(e);
            return ViewResponse.json(error.status(), JSON.writeValueAsString(error.body()));
        }
        return ViewResponse.json(answer.status(), JSON.writeValueAsString(answer.body()));
    }

    private static Map<String, List<String>> lists(Map<String, String[]> query) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        query.forEach((k, v) -> lists.put(k, Arrays.asList(v)));
        return lists;
    }
}
