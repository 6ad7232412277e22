package io.jenkins.plugins.kargo.cycleone;

import io.jenkins.plugins.kargo.cycletwo.Two;

/** Fixture: a top-level package that uses another which uses it back. */
public final class One {
    public Two two() {
        return new Two();
    }
}
