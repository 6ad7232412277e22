package io.jenkins.plugins.kargo.promotion;

import java.util.Locale;

/**
 * Kargo's {@code GeneratePromotionName}: {@code <stage>.<ulid>.<first 7 of freight>}, lower case, the stage cut so
 * the name stays within Kubernetes' 253 characters. The ULID makes lexical order creation order, which the queue
 * relies on.
 */
public final class PromotionName {

    private static final int MAX_PREFIX = 253 - 1 - 26 - 1 - 7;

    private final Ulid ulid;

    public PromotionName(Ulid ulid) {
        this.ulid = ulid;
    }

    public String generate(String stage, String freight) {
        String prefix = stage;
        if (prefix.length() > MAX_PREFIX) {
            prefix = prefix.substring(0, MAX_PREFIX).replaceAll("[.-]+$", "");
        }
        String shortHash = freight.length() > 7 ? freight.substring(0, 7) : freight;
        return (prefix + "." + ulid.next() + "." + shortHash).toLowerCase(Locale.ROOT);
    }
}
