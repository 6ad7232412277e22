package io.jenkins.plugins.kargo.promotion.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Step contexts over a real working directory, configs written as YAML, Freight built by hand. */
final class StepFixture {

    private static final ObjectMapper YAML = new YAMLMapper();

    private StepFixture() {
    }

    static StepContext context(Path workDir, Freight... freight) {
        return new StepContext("myapp", "dev", "dev.01.abc", "alice", new FreightCollection(List.of(freight)), workDir,
                CredentialsProvider.NONE, EventSink.NONE, Clock.systemUTC());
    }

    static JsonNode config(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Freight freight(String warehouse, FreightImage... images) {
        return new Freight("f-" + warehouse, "bold-" + warehouse, FreightOrigin.warehouse(warehouse), Instant.EPOCH,
                List.of(images), List.of(), List.of(), List.of());
    }

    static FreightImage image(String repoURL, String tag) {
        return new FreightImage(repoURL, tag, digest(tag), Map.of(), "");
    }

    static String digest(String tag) {
        return "sha256:" + String.format("%064x", tag.hashCode() & 0xffffffffL);
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
