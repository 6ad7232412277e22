package io.jenkins.plugins.kargo.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An image platform as {@code os/architecture[/variant]}, e.g. {@code linux/arm/v7}. */
record Platform(String os, String architecture, String variant) {

    /** BuildKit marks attestation manifests in an index with this platform. */
    static final Platform UNKNOWN = new Platform("unknown", "unknown", null);

    static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("platform '" + text + "' is not os/architecture[/variant], e.g. linux/arm/v7");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** The {@code platform} object of an index entry; the same fields appear at the top of an image config. */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("architecture", architecture);
        node.put("os", os);
        if (variant != null) {
            node.put("variant", variant);
        }
        return node;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
