package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Where a metric's measurement comes from: Argo Rollouts' {@code provider}, one kind per metric. */
public sealed interface MetricProvider {

    /**
     * {@code web}: an HTTP request; the result is the response (or the value at {@code jsonPath}).
     *
     * @param timeoutSeconds 0 if not set
     * @param jsonPath       empty if not set
     */
    record Web(String url, String method, List<Header> headers, String body, int timeoutSeconds, String jsonPath,
               boolean insecure) implements MetricProvider {
        public Web {
            headers = List.copyOf(headers);
            body = body == null ? "" : body;
            jsonPath = jsonPath == null ? "" : jsonPath;
        }

        /**
         * Whether {@code jsonPath} holds a regular-expression filter ({@code =~} outside quotes). Argo Rollouts reads
         * {@code jsonPath} as Kubernetes JSONPath, which has none, and a backtracking regex could run unbounded, so
         * such a path is refused.
         */
        public static boolean hasRegexFilter(String jsonPath) {
            char quote = 0;
            for (int i = 0; i < jsonPath.length(); i++) {
                char c = jsonPath.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++; // an escaped character never ends the string
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '=' && i + 1 < jsonPath.length() && jsonPath.charAt(i + 1) == '~') {
                    return true;
                }
            }
            return false;
        }
    }

    /** An HTTP header; its value often carries a token, so {@link #toString()} does not show it. */
    record Header(String key, String value) {
        @Override
        public String toString() {
            return "Header[key=" + key + ", value=<redacted>]";
        }
    }

    /** {@code prometheus}: an instant query against the Prometheus HTTP API at {@code address}. */
    record Prometheus(String address, String query) implements MetricProvider {
    }

    /** {@code job}: a Kubernetes Job from {@code spec} (and optional {@code metadata}), uninterpreted here. */
    record Job(JsonNode metadata, JsonNode spec) implements MetricProvider {
        public Job {
            metadata = metadata.deepCopy();
            spec = spec.deepCopy();
        }

        @Override
        public JsonNode spec() {
            return spec.deepCopy();
        }

        @Override
        public JsonNode metadata() {
            return metadata.deepCopy();
        }
    }

    /**
     * {@code plugin: {NAME: CONFIG}}: a metric plugin. {@code kargo.akuity.io/approval} is the human decision the
     * verification package implements (the seed's {@code manual-uat-approval}).
     */
    record Plugin(String name, JsonNode config) implements MetricProvider {
        public static final String APPROVAL = "kargo.akuity.io/approval";

        public Plugin {
            config = config.deepCopy();
        }

        @Override
        public JsonNode config() {
            return config.deepCopy();
        }
    }
}
