package io.jenkins.plugins.kargo.api;

/**
 * Bounds on configuration input, so that a hostile or mistaken file is refused before it can exhaust memory or time.
 * Byte caps are checked before any parsing; the others while parsing.
 *
 * @param maxFileBytes        largest single file (or stream) accepted
 * @param maxTotalBytes       largest sum over all files of one load
 * @param maxDocumentsPerFile most {@code ---}-separated documents in one file
 * @param maxNestingDepth     deepest nesting of mappings and lists
 * @param maxAliases          most alias uses ({@code *name}) in one file; each copies its anchor's value
 * @param maxNodesPerDocument most values in one document after aliases are expanded (stops "billion laughs")
 */
public record ConfigLimits(long maxFileBytes, long maxTotalBytes, int maxDocumentsPerFile, int maxNestingDepth,
                           int maxAliases, int maxNodesPerDocument) {

    /** Generous for real configuration: Kubernetes itself stores no object above about 1.5 MiB. */
    public static final ConfigLimits DEFAULT = new ConfigLimits(2L << 20, 32L << 20, 1_000, 64, 50, 100_000);

    public ConfigLimits {
        if (maxFileBytes <= 0 || maxTotalBytes <= 0 || maxDocumentsPerFile <= 0 || maxNestingDepth <= 0
                || maxAliases < 0 || maxNodesPerDocument <= 0) {
            throw new IllegalArgumentException("configuration limits must be positive");
        }
    }
}
