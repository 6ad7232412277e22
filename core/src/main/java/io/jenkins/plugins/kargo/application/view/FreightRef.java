package io.jenkins.plugins.kargo.application.view;

/** A Freight as people name it: its name (Kargo's ID) and its alias ({@code icy-sparrow}). */
public record FreightRef(String name, String alias) {

    /** The alias, or the name when it has none (a Freight that no longer exists). */
    public String label() {
        return alias.isEmpty() ? name : alias;
    }
}
