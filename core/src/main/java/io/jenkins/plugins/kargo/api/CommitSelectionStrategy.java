package io.jenkins.plugins.kargo.api;

/** How a git subscription picks commits, as Kargo defines it ({@code commitSelectionStrategy}). */
public enum CommitSelectionStrategy {
    /** The newest commits of {@code branch}, or of the repository's default branch (the default). */
    NewestFromBranch,
    /** The commits of the tags with the highest semantic versions. */
    SemVer,
    /** The commits of the lexically greatest tags. */
    Lexical,
    /** The commits of the most recently created tags. */
    NewestTag;

    /** Whether this strategy selects commits by their tags rather than from a branch. */
    public boolean selectsTags() {
        return this != NewestFromBranch;
    }
}
