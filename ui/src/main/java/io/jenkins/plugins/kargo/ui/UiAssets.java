package io.jenkins.plugins.kargo.ui;

/**
 * Where the Freight view's static files are on the class path, for the servers that serve them as they are
 * ({@code kargo serve}, the Jenkins plugin). The files hold no server-specific path: the page that mounts the view
 * gives the API's base URL and the CSRF header (see {@code docs/api.md}).
 */
public final class UiAssets {

    /** The class-path folder of {@code index.html}, {@code js/} and {@code css/}, with a trailing slash. */
    public static final String ROOT = "io/jenkins/plugins/kargo/ui/static/";

    private UiAssets() {
    }
}
