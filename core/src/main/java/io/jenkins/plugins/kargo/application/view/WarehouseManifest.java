package io.jenkins.plugins.kargo.application.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.api.Subscription;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.discovery.DiscoveredArtifact;
import io.jenkins.plugins.kargo.discovery.DiscoveredCommit;
import io.jenkins.plugins.kargo.discovery.DiscoveredImage;
import io.jenkins.plugins.kargo.state.DiscoveryResult;
import io.jenkins.plugins.kargo.state.SubscriptionDiscovery;
import io.jenkins.plugins.kargo.state.SubscriptionRef;
import io.jenkins.plugins.kargo.state.WarehouseStatus;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Renders a Warehouse as Kargo shows it ({@code kargo get warehouse NAME -o yaml}): the spec in current Kargo field
 * names, and {@code status.discoveredArtifacts} ({@code images[].references[]}, {@code charts[].versions[]},
 * generic {@code results[]} for npm packages), {@code lastFreightID} and the last error as a message.
 */
final class WarehouseManifest {

    private final ObjectMapper json;

    WarehouseManifest(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode render(String project, Warehouse warehouse, Optional<WarehouseStatus> status,
                             Optional<DiscoveryResult> discovery) {
        ObjectNode doc = json.createObjectNode();
        doc.put("apiVersion", FreightManifest.API_VERSION);
        doc.put("kind", "Warehouse");
        doc.putObject("metadata").put("name", warehouse.name()).put("namespace", project);
        ObjectNode spec = doc.putObject("spec");
        spec.put("interval", warehouse.interval().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        ArrayNode subscriptions = spec.putArray("subscriptions");
        warehouse.subscriptions().forEach(s -> subscriptions.add(subscription(s)));
        ObjectNode statusNode = doc.putObject("status");
        status.ifPresent(s -> {
            if (!s.lastFreight().isEmpty()) {
                statusNode.put("lastFreightID", s.lastFreight());
            }
            if (!s.lastError().isEmpty()) {
                statusNode.put("message", s.lastError());
            }
        });
        discovery.ifPresent(d -> statusNode.set("discoveredArtifacts", discovered(warehouse, d)));
        return doc;
    }

    private ObjectNode subscription(Subscription subscription) {
        ObjectNode entry = json.createObjectNode();
        if (subscription instanceof ImageSubscription s) {
            ObjectNode image = entry.putObject("image").put("repoURL", s.repoURL())
                    .put("imageSelectionStrategy", s.strategy().name());
            putIfSet(image, "constraint", s.constraint());
            image.put("strictSemvers", s.strictSemvers());
            if (!s.allowTagsRegexes().isEmpty()) {
                image.set("allowTagsRegexes", json.valueToTree(s.allowTagsRegexes()));
            }
            if (!s.ignoreTagsRegexes().isEmpty()) {
                image.set("ignoreTagsRegexes", json.valueToTree(s.ignoreTagsRegexes()));
            }
            putIfSet(image, "platform", s.platform());
            image.put("discoveryLimit", s.discoveryLimit());
        } else if (subscription instanceof ChartSubscription s) {
            ObjectNode chart = entry.putObject("chart").put("repoURL", s.repoURL());
            putIfSet(chart, "name", s.chartName());
            putIfSet(chart, "semverConstraint", s.semverConstraint());
            chart.put("discoveryLimit", s.discoveryLimit());
        } else if (subscription instanceof NpmSubscription s) {
            ObjectNode npm = entry.putObject("npm").put("repoURL", s.repoURL()).put("package", s.packageName());
            putIfSet(npm, "constraint", s.constraint());
            npm.put("discoveryLimit", s.discoveryLimit());
        } else if (subscription instanceof GitSubscription s) {
            ObjectNode git = entry.putObject("git").put("repoURL", s.repoURL())
                    .put("commitSelectionStrategy", s.commitSelectionStrategy().name());
            putIfSet(git, "branch", s.branch());
            putIfSet(git, "semverConstraint", s.semverConstraint());
            git.put("discoveryLimit", s.discoveryLimit());
        }
        putIfSet(entry, "name", subscription.name());
        return entry;
    }

    private ObjectNode discovered(Warehouse warehouse, DiscoveryResult discovery) {
        ObjectNode node = json.createObjectNode();
        node.put("discoveredAt", discovery.discoveredAt().truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode images = json.createArrayNode();
        ArrayNode charts = json.createArrayNode();
        ArrayNode commits = json.createArrayNode();
        ArrayNode results = json.createArrayNode();
        for (SubscriptionDiscovery result : discovery.subscriptions()) {
            SubscriptionRef ref = result.subscription();
            Subscription subscription = warehouse.subscriptions().stream()
                    .filter(s -> SubscriptionRef.of(s).equals(ref)).findFirst().orElse(null);
            switch (ref.kind()) {
                case "image" -> {
                    ObjectNode image = images.addObject().put("repoURL", ref.repoURL());
                    if (subscription instanceof ImageSubscription s && !s.platform().isEmpty()) {
                        image.put("platform", s.platform());
                    }
                    ArrayNode references = image.putArray("references");
                    for (DiscoveredArtifact artifact : result.artifacts()) {
                        DiscoveredImage found = (DiscoveredImage) artifact;
                        ObjectNode reference = references.addObject().put("tag", found.tag()).put("digest", found.digest());
                        if (found.createdAt() != null) {
                            reference.put("createdAt", found.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
                        }
                    }
                    putIfSet(image, "subscriptionName", ref.name());
                    putIfSet(image, "error", result.error());
                }
                case "chart" -> {
                    ObjectNode chart = charts.addObject().put("repoURL", ref.repoURL());
                    putIfSet(chart, "name", ref.artifact());
                    ArrayNode versions = chart.putArray("versions");
                    result.artifacts().forEach(a -> versions.add(a.version()));
                    putIfSet(chart, "subscriptionName", ref.name());
                    putIfSet(chart, "error", result.error());
                }
                case "git" -> {
                    ObjectNode git = commits.addObject().put("repoURL", ref.repoURL());
                    ArrayNode found = git.putArray("commits");
                    for (DiscoveredArtifact artifact : result.artifacts()) {
                        DiscoveredCommit commit = (DiscoveredCommit) artifact;
                        ObjectNode entry = found.addObject().put("id", commit.id());
                        putIfSet(entry, "branch", commit.branch());
                        putIfSet(entry, "tag", commit.tag());
                        putIfSet(entry, "subject", commit.subject());
                        putIfSet(entry, "author", commit.author());
                        putIfSet(entry, "committer", commit.committer());
                        if (commit.creatorDate() != null) {
                            entry.put("creatorDate", commit.creatorDate().truncatedTo(ChronoUnit.SECONDS).toString());
                        }
                    }
                    putIfSet(git, "subscriptionName", ref.name());
                    putIfSet(git, "error", result.error());
                }
                default -> {
                    ObjectNode generic = results.addObject().put("name", ref.name().isEmpty() ? ref.artifact() : ref.name());
                    ArrayNode references = generic.putArray("artifactReferences");
                    result.artifacts().forEach(a -> references.addObject().put("artifactType", ref.kind())
                            .put("subscriptionName", ref.name().isEmpty() ? ref.artifact() : ref.name())
                            .put("version", a.version()));
                    putIfSet(generic, "error", result.error());
                }
            }
        }
        if (!images.isEmpty()) {
            node.set("images", images);
        }
        if (!charts.isEmpty()) {
            node.set("charts", charts);
        }
        if (!commits.isEmpty()) {
            node.set("git", commits);
        }
        if (!results.isEmpty()) {
            node.set("results", results);
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
