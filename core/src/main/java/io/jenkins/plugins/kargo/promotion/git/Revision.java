package io.jenkins.plugins.kargo.promotion.git;

/** What a working tree checks out, as a {@code git-clone} checkout entry says. */
public sealed interface Revision {

    /** The remote's default branch. */
    record DefaultBranch() implements Revision {
    }

    /** A branch, created empty (an orphan) when it does not exist yet and {@code create} is set. */
    record Branch(String name, boolean create) implements Revision {
    }

    /** A commit, checked out with a detached HEAD. */
    record Commit(String sha) implements Revision {
    }

    /** A tag, checked out with a detached HEAD at the commit it points to. */
    record Tag(String name) implements Revision {
    }
}
