package io.jenkins.plugins.kargo.discovery;

import java.time.Instant;

/**
 * A git commit found by a git subscription, with Kargo's fields ({@code DiscoveredCommit}).
 *
 * @param branch      the subscription's branch for NewestFromBranch (empty when it follows the default branch, as
 *                    in Kargo); empty for the tag strategies
 * @param tag         the tag that selected the commit; empty for NewestFromBranch
 * @param subject     the first line of the commit message, at most 80 characters
 * @param author      {@code Name <email>}
 * @param committer   {@code Name <email>}
 * @param creatorDate the commit's date for NewestFromBranch; the tag's creation date otherwise (the tagger's date
 *                    of an annotated tag, the commit's date of a lightweight one)
 */
public record DiscoveredCommit(String repoURL, String id, String branch, String tag, String subject, String author,
                               String committer, Instant creatorDate) implements DiscoveredArtifact {

    public DiscoveredCommit {
        branch = branch == null ? "" : branch;
        tag = tag == null ? "" : tag;
    }

    /** The tag when a tag selected the commit, else the commit ID. */
    @Override
    public String version() {
        return tag.isEmpty() ? id : tag;
    }
}
