package io.jenkins.plugins.kargo.state;

/**
 * One YAML document of a project's configuration, as applied: its text and the file it came from, so that
 * re-loading it reports errors against the user's file and line.
 */
public record ConfigDocument(String sourceFile, String yaml) {
}
