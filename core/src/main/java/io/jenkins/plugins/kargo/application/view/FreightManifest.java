package io.jenkins.plugins.kargo.application.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightArtifact;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import java.time.temporal.ChronoUnit;

/**
 * Renders a {@link Freight} as the resource Kargo itself would show ({@code kargo get freight -o json}):
 * {@code apiVersion}, {@code kind}, {@code metadata{name, namespace, creationTimestamp, labels}}, {@code alias},
 * {@code origin}, {@code images[]}, {@code charts[]}, {@code commits[]}, {@code artifacts[]}. Empty lists are
 * left out, as Kargo's {@code omitempty} does.
 */
final class FreightManifest {

    public static final String API_VERSION = "kargo.akuity.io/v1alpha1";
    public static final String ALIAS_LABEL = "kargo.akuity.io/alias";

    private final ObjectMapper json;

    FreightManifest(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode render(String project, Freight freight) {
        ObjectNode doc = json.createObjectNode();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", "Freight");
        ObjectNode metadata = doc.putObject("metadata");
        metadata.put("name", freight.name());
        metadata.put("namespace", project);
        metadata.put("creationTimestamp", freight.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.putObject("labels").put(ALIAS_LABEL, freight.alias());
        doc.put("alias", freight.alias());
        doc.putObject("origin").put("kind", freight.origin().kind()).put("name", freight.origin().name());
        if (!freight.images().isEmpty()) {
            ArrayNode images = doc.putArray("images");
            for (FreightImage image : freight.images()) {
                ObjectNode node = images.addObject().put("repoURL", image.repoURL()).put("tag", image.tag())
                        .put("digest", image.digest());
                if (!image.annotations().isEmpty()) {
                    node.set("annotations", json.valueToTree(image.annotations()));
                }
                putSubscriptionName(node, image.subscriptionName());
            }
        }
        if (!freight.charts().isEmpty()) {
            ArrayNode charts = doc.putArray("charts");
            for (FreightChart chart : freight.charts()) {
                ObjectNode node = charts.addObject().put("repoURL", chart.repoURL());
                if (!chart.name().isEmpty()) {
                    node.put("name", chart.name());
                }
                node.put("version", chart.version());
                putSubscriptionName(node, chart.subscriptionName());
            }
        }
        if (!freight.commits().isEmpty()) {
            ArrayNode commits = doc.putArray("commits");
            for (FreightCommit commit : freight.commits()) {
                ObjectNode node = commits.addObject().put("repoURL", commit.repoURL()).put("id", commit.id());
                putIfSet(node, "branch", commit.branch());
                putIfSet(node, "tag", commit.tag());
                putIfSet(node, "message", commit.message());
                putIfSet(node, "author", commit.author());
                putIfSet(node, "committer", commit.committer());
                putSubscriptionName(node, commit.subscriptionName());
            }
        }
        if (!freight.artifacts().isEmpty()) {
            ArrayNode artifacts = doc.putArray("artifacts");
            for (FreightArtifact artifact : freight.artifacts()) {
                ObjectNode node = artifacts.addObject().put("artifactType", artifact.artifactType())
                        .put("subscriptionName", artifact.subscriptionName()).put("version", artifact.version());
                if (!artifact.metadata().isEmpty()) {
                    node.set("metadata", json.valueToTree(artifact.metadata()));
                }
            }
        }
        return doc;
    }

    private static void putSubscriptionName(ObjectNode node, String subscriptionName) {
        putIfSet(node, "subscriptionName", subscriptionName);
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
