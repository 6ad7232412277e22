package io.jenkins.plugins.kargo.credentials;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.jenkins.plugins.kargo.api.SecretValue;
import io.jenkins.plugins.kargo.url.RepoUrls;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials from Kargo's credential Secrets ({@code kind: Secret} labelled {@code kargo.akuity.io/cred-type}
 * with {@code repoURL} (or a regex and {@code repoURLIsRegex: "true"}), {@code username} and {@code password}),
 * read from a file the user keeps outside the state. As in Kargo ({@code pkg/credentials/kubernetes/database.go}):
 * Secrets are tried in name order, URLs compared after the normalisation of their kind, a regex may match the
 * URL as given or normalised, and the first match wins. An npm Secret may hold a {@code token} instead, a git
 * Secret an {@code sshPrivateKey}.
 */
public final class SecretCredentials implements CredentialsProvider {

    static final String CRED_TYPE_LABEL = io.jenkins.plugins.kargo.api.Secret.CRED_TYPE_LABEL;

    /**
     * One secret for the URLs it matches, as a face holds it: a Secret of the file {@link #read} takes, or a Jenkins
     * credential bound to a URL in the plugin's configuration.
     *
     * @param name           what the user calls it (the Secret's name, the credential's ID); tried in name order
     * @param repoURLIsRegex {@code repoURL} is a regular expression matched against the URL as given or normalised
     */
    public record Secret(String name, CredentialKind kind, String repoURL, boolean repoURLIsRegex,
                         Credentials credentials) {

        @Override
        public String toString() {
            return "Secret[name=" + name + ", kind=" + kind + ", repoURL=" + repoURL + ", " + credentials + "]";
        }
    }

    private record Entry(String name, CredentialKind kind, String repoURL, Pattern regex, Credentials credentials) {
    }

    /** A Secret's data for {@code secret()} / {@code sharedSecret()}; {@code namespace} empty when not written. */
    private record Data(String namespace, String name, boolean generic, Map<String, String> values) {
    }

    private final List<Entry> entries;
    private final List<Data> data;

    private SecretCredentials(List<Entry> entries, List<Data> data) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::name));
        this.entries = List.copyOf(sorted);
        this.data = List.copyOf(data);
    }

    /**
     * Credentials from secrets a face has read from its own store, matched as Kargo matches its credential Secrets.
     *
     * @throws IllegalArgumentException naming the secret when its {@code repoURL} is not a valid regular expression
     */
    public static SecretCredentials of(List<Secret> secrets) {
        List<Entry> entries = new ArrayList<>();
        for (Secret s : secrets) {
            entries.add(new Entry(s.name(), s.kind(), s.repoURL(),
                    s.repoURLIsRegex() ? regex(s.name(), s.repoURL()) : null, s.credentials()));
        }
        return new SecretCredentials(entries, List.of());
    }

    private static Pattern regex(String where, String repoURL) {
        try {
            return Pattern.compile(repoURL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": repoURL is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /**
     * @throws IllegalArgumentException naming the file and Secret when one is malformed; never showing a value
     */
    public static SecretCredentials read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Entry> entries = new ArrayList<>();
        List<Data> data = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(Files.newInputStream(file))) {
            readAll(file, docs, entries, data);
        } catch (JsonProcessingException e) {
            throw notYaml(file, e);
        } catch (CharConversionException e) {
            throw notUtf8(file);
        } catch (RuntimeException e) { // MappingIterator wraps what the parser throws while it reads ahead
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw notYaml(file, cause);
            }
            throw e.getCause() instanceof CharConversionException ? notUtf8(file) : e;
        }
        return new SecretCredentials(entries, data);
    }

    /** Where the file stops being YAML; not the parser's message, which names its classes and quotes the text. */
    private static IllegalArgumentException notYaml(Path file, JsonProcessingException failure) {
        JsonLocation at = failure == null ? null : failure.getLocation();
        return new IllegalArgumentException(file + (at == null ? "" : ":" + at.getLineNr()) + ": not YAML"
                + (at == null ? "" : " (column " + at.getColumnNr() + ")")
                + "; fix the file: Kargo credential Secrets, one YAML document each, separated by ---");
    }

    private static IllegalArgumentException notUtf8(Path file) {
        return new IllegalArgumentException(file + ": not UTF-8 text; save it as UTF-8");
    }

    private static void readAll(Path file, MappingIterator<JsonNode> docs, List<Entry> entries, List<Data> data) {
        while (docs.hasNext()) {
            JsonNode doc = docs.next();
            if (doc == null || !"Secret".equals(doc.path("kind").asText())) {
                continue;
            }
            String name = doc.path("metadata").path("name").asText("<unnamed>");
            String type = doc.path("metadata").path("labels").path(CRED_TYPE_LABEL).asText("");
            String where = file + ": Secret " + name;
            data.add(new Data(doc.path("metadata").path("namespace").asText(""), name, type.equals("generic"),
                    values(where, doc)));
            // a generic Secret without repoURL is data for secret() only, as Kargo's generic credentials may be
            if (!type.isEmpty() && !(type.equals("generic") && value(where, doc, "repoURL") == null)) {
                entries.add(entry(file, name, type, doc));
            }
        }
    }

    /**
     * The credentials among a project directory's Secrets (those labelled {@value #CRED_TYPE_LABEL}, except
     * {@code generic} ones, which only expressions read), checked when the directory was loaded.
     */
    public static SecretCredentials fromProject(List<io.jenkins.plugins.kargo.api.Secret> secrets) {
        List<Entry> entries = new ArrayList<>();
        for (var secret : secrets) {
            String type = secret.credentialType().orElse("generic");
            if (!type.equals("generic")) {
                entries.add(entry("Secret " + secret.name(), secret.name(), type,
                        key -> secret.value(key).map(SecretValue::reveal).orElse(null)));
            }
        }
        return new SecretCredentials(entries, List.of()); // expressions read them through StoredCredentials
    }

    private static Entry entry(Path file, String name, String type, JsonNode doc) {
        String where = file + ": Secret " + name;
        return entry(where, name, type, key -> value(where, doc, key));
    }

    private static Entry entry(String where, String name, String type, Function<String, String> value) {
        CredentialKind kind;
        try {
            kind = CredentialKind.valueOf(type.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": label " + CRED_TYPE_LABEL + " is '" + type
                    + "'; use one of image, helm, npm, git, generic");
        }
        String repoURL = value.apply("repoURL");
        if (repoURL == null) {
            throw new IllegalArgumentException(where + ": no repoURL; add stringData.repoURL");
        }
        Pattern regex = "true".equals(value.apply("repoURLIsRegex")) ? regex(where, repoURL) : null;
        String token = value.apply("token");
        String sshPrivateKey = value.apply("sshPrivateKey");
        String username = value.apply("username");
        String password = value.apply("password");
        Credentials credentials;
        if (sshPrivateKey != null && kind == CredentialKind.git) {
            credentials = new Credentials.SshKey(sshPrivateKey);
        } else if (token != null) {
            credentials = new Credentials.Token(token);
        } else if (username != null && password != null) {
            credentials = new Credentials.UsernamePassword(username, password);
        } else {
            throw new IllegalArgumentException(where + ": needs username and password (or a token"
                    + (kind == CredentialKind.git ? ", or sshPrivateKey" : "") + ")");
        }
        return new Entry(name, kind, repoURL, regex, credentials);
    }

    /** Every key of {@code data} (base64-decoded) and {@code stringData}, the latter winning as in Kubernetes. */
    private static Map<String, String> values(String where, JsonNode doc) {
        Map<String, String> values = new java.util.TreeMap<>();
        doc.path("data").fieldNames().forEachRemaining(key -> values.put(key, value(where, doc, key)));
        doc.path("stringData").fieldNames().forEachRemaining(key -> values.put(key, value(where, doc, key)));
        return java.util.Collections.unmodifiableMap(values);
    }

    @Override
    public Map<String, String> secretData(String project, String name) {
        return data.stream().filter(d -> d.name().equals(name)
                        && (d.namespace().isEmpty() || d.namespace().equals(project)))
                .map(Data::values).findFirst().orElse(Map.of());
    }

    @Override
    public Map<String, String> sharedSecretData(String name) {
        return data.stream().filter(d -> d.name().equals(name) && d.generic()).map(Data::values).findFirst()
                .orElse(Map.of());
    }

    /** A key from {@code stringData}, else base64-decoded from {@code data}. */
    private static String value(String where, JsonNode doc, String key) {
        JsonNode plain = doc.path("stringData").get(key);
        if (plain != null && !plain.isNull()) {
            return plain.asText();
        }
        JsonNode encoded = doc.path("data").get(key);
        if (encoded != null && !encoded.isNull()) {
            try {
                return new String(Base64.getDecoder().decode(encoded.asText().trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) { // its message quotes a character of the value
                throw new IllegalArgumentException(where + ": data." + key + " is not base64; encode it with"
                        + " base64 -w0, or write it in plain text under stringData." + key);
            }
        }
        return null;
    }

    @Override
    public Optional<Credentials> find(String repoURL, CredentialKind kind) {
        String normalized = normalize(kind, repoURL);
        for (Entry entry : entries) {
            if (entry.kind() != kind) {
                continue;
            }
            boolean matches = entry.regex() != null
                    ? entry.regex().matcher(repoURL).find() || entry.regex().matcher(normalized).find()
                    : normalize(kind, entry.repoURL()).equals(normalized);
            if (matches) {
                return Optional.of(entry.credentials());
            }
        }
        return Optional.empty();
    }

    private static String normalize(CredentialKind kind, String url) {
        return switch (kind) {
            case git -> RepoUrls.normalizeGit(url);
            case image -> RepoUrls.normalizeImage(url);
            case helm -> RepoUrls.normalizeChart(url);
            case npm, generic -> RepoUrls.sanitize(url).replaceAll("/+$", "");
        };
    }
}
