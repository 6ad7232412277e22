package io.jenkins.plugins.kargo.cli;

/** {@code -o}: a table (the default), a wider table, or the resources as Kargo shows them. */
enum OutputFormat {
    table, wide, json, yaml
}
