package io.jenkins.plugins.kargo.application.view;

import io.jenkins.plugins.kargo.api.Maturity;
import io.jenkins.plugins.kargo.freight.Freight;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A Freight's artifacts as the read model shows them (each with its version's maturity), and its maturity. */
final class FreightArtifacts {

    private FreightArtifacts() {
    }

    static List<FreightCard.Artifact> of(Freight freight) {
        List<FreightCard.Artifact> artifacts = new ArrayList<>();
        freight.images().forEach(i -> artifacts.add(artifact("image", i.repoURL(), i.tag(), i.digest())));
        freight.charts().forEach(c -> artifacts.add(artifact("chart", c.repoURL() + "/" + c.name(), c.version(), "")));
        // a commit without a tag has no version to read a maturity from (its ID may look like a number)
        freight.commits().forEach(c -> artifacts.add(c.tag().isEmpty()
                ? new FreightCard.Artifact("git", c.repoURL(), c.id(), c.id(), Optional.empty())
                : artifact("git", c.repoURL(), c.tag(), c.id())));
        freight.artifacts().forEach(a -> artifacts.add(artifact(a.artifactType(), a.subscriptionName(), a.version(), "")));
        return artifacts;
    }

    /** The least mature of the artifacts' maturities: a Freight is as mature as its least mature version. */
    static Optional<String> maturity(List<FreightCard.Artifact> artifacts) {
        return artifacts.stream().map(FreightCard.Artifact::maturity).flatMap(Optional::stream)
                .map(m -> Maturity.named(m).orElseThrow()).min(Comparator.naturalOrder()).map(Maturity::yamlName);
    }

    private static FreightCard.Artifact artifact(String kind, String repository, String version, String digest) {
        return new FreightCard.Artifact(kind, repository, version == null ? "" : version, digest == null ? "" : digest,
                Maturity.of(version).map(Maturity::yamlName));
    }
}
