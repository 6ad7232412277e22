package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where a metric's measurement comes from: Argo Rollouts' {@code provider}, one kind per metric. */
public sealed interface MetricProvider {

    /**
     * {@code web}: an HTTP request. As in Argo Rollouts the result is the JSON body (or the value {@code jsonPath}
     * selects), a non-2xx status is an Error measurement, and a body that is not JSON is the result as text.
     *
     * @param jsonBody       the body was written as {@code jsonBody} (sent as {@code application/json})
     * @param timeoutSeconds 0 if not set
     * @param jsonPath       empty if not set ({@code {$}}: the whole body)
     * @param oauth2         {@code authentication.oauth2}: a client-credentials token is fetched and sent
     * @param responseObject the seed's form, marked by a condition written inside {@code provider.web}: the result is
     *                       the response ({@code statusCode}, {@code body}, {@code headers}) and every status is a
     *                       result for the conditions to judge
     */
    record Web(String url, String method, List<Header> headers, String body, boolean jsonBody, int timeoutSeconds,
               String jsonPath, boolean insecure, Optional<OAuth2> oauth2, boolean responseObject)
            implements MetricProvider {
        public Web {
            headers = List.copyOf(headers);
            body = body == null ? "" : body;
            jsonPath = jsonPath == null ? "" : jsonPath;
        }

        /** Argo Rollouts' form without authentication. */
        public Web(String url, String method, List<Header> headers, String body, int timeoutSeconds, String jsonPath,
                   boolean insecure) {
            this(url, method, headers, body, false, timeoutSeconds, jsonPath, insecure, Optional.empty(), false);
        }

        /** This web metric in the seed's form (the result is the response object). */
        public Web asResponseObject() {
            return new Web(url, method, headers, body, jsonBody, timeoutSeconds, jsonPath, insecure, oauth2, true);
        }
    }

    /** An HTTP header; its value often carries a token, so {@link #toString()} does not show it. */
    record Header(String key, String value) {
        @Override
        public String toString() {
            return "Header[key=" + key + ", value=<redacted>]";
        }
    }

    /**
     * {@code authentication.oauth2}: OAuth 2 client credentials ({@code {{ args.NAME }}} may fill them, e.g. from a
     * Secret); the secret is not shown by {@link #toString()}.
     */
    record OAuth2(String tokenUrl, String clientId, String clientSecret, List<String> scopes) {
        public OAuth2 {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "OAuth2[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=<redacted>, scopes="
                    + scopes + "]";
        }
    }

    /** {@code authentication.basicAuth}; the password is not shown by {@link #toString()}. */
    record BasicAuth(String username, String password) {
        @Override
        public String toString() {
            return "BasicAuth[username=" + username + ", password=<redacted>]";
        }
    }

    /**
     * {@code prometheus}: a query against the Prometheus HTTP API at {@code address}: an instant query, or a range
     * query with {@code rangeQuery}.
     *
     * @param timeout how long a query may take (Argo Rollouts' {@code timeout} in seconds; default 30 s)
     */
    record Prometheus(String address, String query, Duration timeout, boolean insecure, List<Header> headers,
                      Optional<BasicAuth> basicAuth, Optional<OAuth2> oauth2, Optional<RangeQuery> rangeQuery)
            implements MetricProvider {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

        public Prometheus {
            headers = List.copyOf(headers);
        }

        /** An instant query without options. */
        public Prometheus(String address, String query) {
            this(address, query, DEFAULT_TIMEOUT, false, List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }

    /**
     * {@code rangeQuery}: {@code start} and {@code end} are expressions such as {@code now() - duration("1h")};
     * {@code step} the resolution.
     */
    record RangeQuery(String start, String end, Duration step) {
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
