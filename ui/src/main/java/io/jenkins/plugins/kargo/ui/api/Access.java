package io.jenkins.plugins.kargo.ui.api;

/**
 * What a route needs from whoever calls it. The server in front (kargo serve, Jenkins) checks it before it calls
 * the route, each with its own means (a token and CSRF header; Jenkins' permissions and crumb).
 */
public enum Access {
    /** Reads the pipeline; changes nothing. */
    READ,
    /** Changes the pipeline (promote, abort, rollback, ...): needs an authenticated user, recorded as the actor. */
    WRITE
}
