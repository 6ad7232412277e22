package io.jenkins.plugins.kargo.freight;

import java.util.Map;

/** An image in a Freight: Kargo's {@code images[]{repoURL, tag, digest, annotations, subscriptionName}}. */
public record FreightImage(String repoURL, String tag, String digest, Map<String, String> annotations,
                           String subscriptionName) {

    public FreightImage {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        subscriptionName = subscriptionName == null ? "" : subscriptionName;
    }
}
