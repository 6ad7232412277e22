package io.jenkins.plugins.kargo.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.kargo.discovery.DiscoveredArtifact;
import io.jenkins.plugins.kargo.discovery.DiscoveredChart;
import io.jenkins.plugins.kargo.discovery.DiscoveredCommit;
import io.jenkins.plugins.kargo.discovery.DiscoveredImage;
import io.jenkins.plugins.kargo.discovery.DiscoveredPackage;

/** The JSON form of the values kept in JSON columns. Dates are ISO-8601 text, so the columns stay readable. */
final class StateJson {

    /** Names the kind of a discovered artifact in its JSON, without Jackson annotations on the shared model. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = DiscoveredImage.class, name = "image"),
        @JsonSubTypes.Type(value = DiscoveredChart.class, name = "chart"),
        @JsonSubTypes.Type(value = DiscoveredPackage.class, name = "package"),
        @JsonSubTypes.Type(value = DiscoveredCommit.class, name = "commit")
    })
    private interface DiscoveredArtifactKinds {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addMixIn(DiscoveredArtifact.class, DiscoveredArtifactKinds.class)
            .build();

    private StateJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        return read(json, MAPPER.constructType(type));
    }

    static <T> T readList(String json, Class<?> elementType) {
        return read(json, MAPPER.getTypeFactory().constructCollectionType(java.util.List.class, elementType));
    }

    private static <T> T read(String json, JavaType type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON is not a valid " + type.getGenericSignature() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
