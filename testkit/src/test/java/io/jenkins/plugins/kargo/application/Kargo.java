package io.jenkins.plugins.kargo.application;

/** Fixture: stands for the application layer. */
public final class Kargo {
    public String stage() {
        return "dev";
    }
}
