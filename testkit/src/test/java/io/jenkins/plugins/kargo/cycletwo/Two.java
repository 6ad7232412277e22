package io.jenkins.plugins.kargo.cycletwo;

import io.jenkins.plugins.kargo.cycleone.One;

/** Fixture: closes the cycle {@code cycleone -> cycletwo -> cycleone}. */
public final class Two {
    public One one() {
        return new One();
    }
}
