package io.jenkins.plugins.kargo.state;

/** Fixture: stands for the engine's store. */
public final class Store {
    public String read() {
        return "row";
    }
}
