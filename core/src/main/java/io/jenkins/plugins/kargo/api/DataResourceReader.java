package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code data} of a project's Secrets and ConfigMaps, and checks Kargo credential Secrets as Kargo's
 * credentials database reads them ({@code pkg/credentials/kubernetes/database.go}). A Secret's values never appear
 * in a problem: messages name the key only.
 */
final class DataResourceReader {

    /** Kargo's credential types, and this product's {@code npm}. */
    static final List<String> CREDENTIAL_TYPES = List.of("git", "helm", "image", "generic", "npm");

    private DataResourceReader() {
    }

    static Secret secret(String project, String name, Map<String, String> labels, ConfigNode root) {
        root.allowOnly("apiVersion", "kind", "metadata", "data", "stringData", "type", "immutable");
        Map<String, SecretValue> data = new LinkedHashMap<>();
        ConfigNode encoded = root.get("data");
        if (encoded.isMapping("data:\n  password: cGFzc3dvcmQ=")) {
            for (String key : encoded.fieldNames()) {
                String text = encoded.get(key).json().isTextual() ? encoded.get(key).json().textValue() : null;
                if (text == null) {
                    encoded.get(key).error("data." + key + " must be base64 text (value not shown)",
                            "write the value base64-encoded, or put it as plain text under stringData");
                    continue;
                }
                try {
                    data.put(key, new SecretValue(new String(Base64.getDecoder().decode(text.replaceAll("\\s", "")),
                            StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException e) {
                    encoded.get(key).error("data." + key + " is not valid base64 (value not shown)",
                            "encode it with base64, or put it as plain text under stringData");
                }
            }
        }
        ConfigNode plain = root.get("stringData");
        if (plain.isMapping("stringData:\n  password: ...")) {
            for (String key : plain.fieldNames()) {
                JsonNode value = plain.get(key).json();
                if (value.isContainerNode()) {
                    plain.get(key).error("stringData." + key + " must be a single value (value not shown)",
                            "write it as text");
                } else {
                    data.put(key, new SecretValue(value.isNull() ? "" : value.asText())); // stringData wins, as in Kubernetes
                }
            }
        }
        Secret secret = new Secret(project, name, labels, data, root.location());
        secret.credentialType().ifPresent(type -> checkCredential(secret, type, root.get("metadata").get("labels")
                .get(Secret.CRED_TYPE_LABEL), root));
        return secret;
    }

    static ConfigMap configMap(String project, String name, ConfigNode root) {
        root.allowOnly("apiVersion", "kind", "metadata", "data", "binaryData", "immutable");
        return new ConfigMap(project, name, root.textMap("data"), root.location());
    }

    private static void checkCredential(Secret secret, String type, ConfigNode label, ConfigNode root) {
        if (!CREDENTIAL_TYPES.contains(type)) {
            label.error("'" + type + "' is not a Kargo credential type",
                    Spelling.suggest(type, CREDENTIAL_TYPES, "use one of"));
            return;
        }
        if (type.equals("generic")) {
            return; // data for secret() and sharedSecret(); no repository
        }
        String where = "credential Secret '" + secret.name() + "' (" + type + ")";
        String repoURL = secret.value("repoURL").map(SecretValue::reveal).orElse("");
        if (repoURL.isBlank()) {
            root.error(where + " has no repoURL", "add stringData.repoURL: the repository these credentials are for"
                    + " (or a regular expression with repoURLIsRegex: \"true\")");
        }
        String isRegex = secret.value("repoURLIsRegex").map(SecretValue::reveal).orElse("false");
        if (!isRegex.equals("true") && !isRegex.equals("false")) {
            root.error(where + ": repoURLIsRegex is '" + isRegex + "'", "write repoURLIsRegex: \"true\" or \"false\"");
        } else if (isRegex.equals("true") && !repoURL.isBlank()) {
            ConstraintChecks.regex(root.get("stringData").has("repoURL") ? root.get("stringData").get("repoURL")
                    : root.get("data").get("repoURL"), repoURL);
        }
        boolean userPassword = secret.value("username").isPresent() && secret.value("password").isPresent();
        boolean token = secret.value("token").isPresent();
        boolean sshKey = type.equals("git") && secret.value("sshPrivateKey").isPresent();
        if (!userPassword && !token && !sshKey) {
            boolean githubApp = secret.value("githubAppID").isPresent() || secret.value("githubAppClientID").isPresent();
            root.error(where + (githubApp ? " holds GitHub App credentials, which are not supported here"
                            : " has neither username and password" + (type.equals("git") ? ", sshPrivateKey" : "")
                            + " nor a token"),
                    "add stringData.username and stringData.password (a token may be the password)"
                            + (type.equals("git") ? ", or stringData.sshPrivateKey" : ""));
        }
    }
}
