package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.api.ConfigSource;
import java.time.Instant;
import java.util.List;

/** A project's configuration as last applied ({@code kargo apply}), in the order it was given. */
public record AppliedConfiguration(String project, Instant appliedAt, List<ConfigSource> documents) {

    public AppliedConfiguration {
        documents = List.copyOf(documents);
    }
}
