package io.jenkins.plugins.kargo.api;

/** Where a Freight came from: in Kargo always a Warehouse. {@link #toString()} is Kargo's {@code Kind/name}. */
public record FreightOrigin(String kind, String name) {

    public static FreightOrigin warehouse(String name) {
        return new FreightOrigin("Warehouse", name);
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
