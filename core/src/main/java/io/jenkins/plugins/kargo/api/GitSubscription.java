package io.jenkins.plugins.kargo.api;

import java.util.List;

/** A git repository to watch ({@code subscriptions[].git}); discovered by {@code discovery.git.GitSubscriber}. */
public record GitSubscription(
        String repoURL,
        CommitSelectionStrategy commitSelectionStrategy,
        String branch,
        String semverConstraint,
        boolean strictSemvers,
        List<String> allowTagsRegexes,
        List<String> ignoreTagsRegexes,
        List<String> includePaths,
        List<String> excludePaths,
        int discoveryLimit,
        boolean insecureSkipTLSVerify,
        String name,
        SourceLocation location) implements Subscription {

    public GitSubscription {
        allowTagsRegexes = List.copyOf(allowTagsRegexes);
        ignoreTagsRegexes = List.copyOf(ignoreTagsRegexes);
        includePaths = List.copyOf(includePaths);
        excludePaths = List.copyOf(excludePaths);
        commitSelectionStrategy = commitSelectionStrategy == null
                ? CommitSelectionStrategy.NewestFromBranch : commitSelectionStrategy;
        branch = branch == null ? "" : branch;
        semverConstraint = semverConstraint == null ? "" : semverConstraint;
        name = name == null ? "" : name;
    }
}
