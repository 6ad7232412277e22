package io.jenkins.plugins.kargo.badface;

import io.jenkins.plugins.kargo.cycleone.One;
import io.jenkins.plugins.kargo.state.Store;

/** Fixture: a face that reads the store and an engine package directly. */
public final class ReadsTheStore {
    public String show(Store store, One one) {
        return store.read() + one;
    }
}
