package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.api.Subscription;

/**
 * Which subscription of a Warehouse a stored result belongs to: its kind, repository, the artifact within it (chart
 * or package name; git branch) and its optional name. Stable across re-applies of an unchanged subscription.
 */
public record SubscriptionRef(String kind, String repoURL, String artifact, String name) {

    public SubscriptionRef {
        artifact = artifact == null ? "" : artifact;
        name = name == null ? "" : name;
    }

    public static SubscriptionRef of(Subscription subscription) {
        if (subscription instanceof ImageSubscription s) {
            return new SubscriptionRef("image", s.repoURL(), "", s.name());
        } else if (subscription instanceof ChartSubscription s) {
            return new SubscriptionRef("chart", s.repoURL(), s.chartName(), s.name());
        } else if (subscription instanceof NpmSubscription s) {
            return new SubscriptionRef("npm", s.repoURL(), s.packageName(), s.name());
        } else {
            GitSubscription s = (GitSubscription) subscription;
            return new SubscriptionRef("git", s.repoURL(), s.branch(), s.name());
        }
    }

    /** For messages: {@code image harbor.example.com/app}, {@code npm https://registry @org/pkg (name)}. */
    @Override
    public String toString() {
        return kind + " " + repoURL + (artifact.isEmpty() ? "" : " " + artifact) + (name.isEmpty() ? "" : " (" + name + ")");
    }
}
