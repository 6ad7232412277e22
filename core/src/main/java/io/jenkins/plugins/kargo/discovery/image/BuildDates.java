package io.jenkins.plugins.kargo.discovery.image;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kargo's build-date rules ({@code pkg/image/repository_client.go}: {@code getCreationTime}, {@code creationTimeFromMetadata}). */
final class BuildDates {

    static final String OCI_CREATED = "org.opencontainers.image.created";
    static final String LABEL_SCHEMA_BUILD_DATE = "org.label-schema.build-date";

    private BuildDates() {
    }

    /** The date claimed by the first of the two known keys whose value is RFC 3339. */
    static Optional<Instant> fromMetadata(Map<String, String> metadata) {
        for (String key : List.of(OCI_CREATED, LABEL_SCHEMA_BUILD_DATE)) {
            Optional<Instant> date = rfc3339(metadata.get(key));
            if (date.isPresent()) {
                return date;
            }
        }
        return Optional.empty();
    }

    /**
     * A single image's build date: a manifest annotation wins (it is written for this image); otherwise the later of
     * the config's {@code created} and a date label, because labels and timestamps inherited from a base image or
     * fixed for reproducible builds only ever understate the date.
     */
    static Instant forImage(Map<String, String> annotations, Map<String, String> labels, Instant configCreated) {
        Optional<Instant> annotated = fromMetadata(annotations);
        if (annotated.isPresent()) {
            return annotated.get();
        }
        Optional<Instant> labelled = fromMetadata(labels);
        if (labelled.isPresent() && (configCreated == null || labelled.get().isAfter(configCreated))) {
            return labelled.get();
        }
        return configCreated;
    }

    static Optional<Instant> rfc3339(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
