package io.jenkins.plugins.kargo.promotion.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The three git steps as one engine holds them, and promotion contexts for tests. */
final class Promotions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final GitCloneStep clone;
    final GitCommitStep commit = new GitCommitStep();
    final GitPushStep push = new GitPushStep();
    final RepositoryCache cache;

    Promotions(Path cacheRoot) {
        cache = new RepositoryCache(cacheRoot);
        clone = new GitCloneStep(cache);
    }

    static StepContext context(Path workRoot, String promotion, CredentialsProvider credentials) {
        try {
            Path workDir = Files.createDirectories(workRoot.resolve(promotion));
            return new StepContext("demo", "dev", promotion, "tester", new FreightCollection(List.of()), workDir,
                    credentials, EventSink.NONE, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StepContext context(Path workRoot, String promotion) {
        return context(workRoot, promotion, CredentialsProvider.NONE);
    }

    static JsonNode config(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
