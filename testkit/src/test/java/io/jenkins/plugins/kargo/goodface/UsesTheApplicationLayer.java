package io.jenkins.plugins.kargo.goodface;

import io.jenkins.plugins.kargo.application.Kargo;

/** Fixture: a face that only translates the application layer's answers. */
public final class UsesTheApplicationLayer {
    public String show(Kargo kargo) {
        return "stage " + kargo.stage();
    }
}
