package io.jenkins.plugins.kargo.freight;

/** A git commit in a Freight: Kargo's {@code commits[]}. */
public record FreightCommit(String repoURL, String id, String branch, String tag, String message, String author,
                            String committer, String subscriptionName) {

    public FreightCommit {
        branch = branch == null ? "" : branch;
        tag = tag == null ? "" : tag;
        subscriptionName = subscriptionName == null ? "" : subscriptionName;
    }
}
