package io.jenkins.plugins.kargo.api;

import java.util.List;

/** A git repository to watch ({@code subscriptions[].git}); its discovery arrives with promotion support. */
public record GitSubscription(
        String repoURL,
        String commitSelectionStrategy,
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
        branch = branch == null ? "" : branch;
        semverConstraint = semverConstraint == null ? "" : semverConstraint;
        name = name == null ? "" : name;
    }
}
