package io.jenkins.plugins.kargo.state;

/**
 * Configuration YAML as applied: the text (usually a whole file, one or more documents) and the file it came from,
 * so that re-loading it reports errors against the user's file and line. The store keeps it as given: leave out
 * what must not be stored (a secret such as a webhook URL with its token).
 */
public record ConfigDocument(String sourceFile, String yaml) {
}
