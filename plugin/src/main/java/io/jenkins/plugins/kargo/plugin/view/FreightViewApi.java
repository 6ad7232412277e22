package io.jenkins.plugins.kargo.plugin.view;

/**
 * The Freight view's files and JSON API as the {@code ui} module ships them (issue 9): its static files are served
 * from {@link #ASSETS} on the class path, as they are; its API paths are answered by its route table once that is
 * on the plugin's class path. Until then, paths the plugin itself does not answer are "not found".
 */
final class FreightViewApi {

    /** The class-path folder of the view's {@code index.html}, {@code js/} and {@code css/}. */
    static final String ASSETS = "io/jenkins/plugins/kargo/ui/static/";

    private FreightViewApi() {
    }

    /** The view's API for one project (null: every project, the top-level page). */
    static ViewEndpoint.Api of(String project) {
        return (method, path, query, body, actor) -> ViewResponse.error(404, "not-found", "no API at " + path);
    }
}
