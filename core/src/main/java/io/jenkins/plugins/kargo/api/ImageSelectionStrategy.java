package io.jenkins.plugins.kargo.api;

/** How an image subscription ranks tags, as Kargo defines it ({@code imageSelectionStrategy}). */
public enum ImageSelectionStrategy {
    /** Highest semantic version first (the default). */
    SemVer,
    /** Lexically greatest tag first. */
    Lexical,
    /** Most recently built image first, by build date. */
    NewestBuild,
    /** The current digest of one mutable tag, named by {@code constraint}. */
    Digest
}
