package io.jenkins.plugins.kargo.api;

/**
 * How mature a version is, as the seed's tags say it: {@code -alpha...}, {@code -beta...} pre-releases or a plain
 * release. Written in lower case in YAML ({@code maturity: [beta, stable]}).
 */
public enum Maturity {
    ALPHA, BETA, STABLE;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
