package io.jenkins.plugins.kargo.api;

import java.util.List;

/**
 * The seed's legacy {@code promotionMechanisms} (Kargo before v1.0): git updates, then Argo CD updates. Kept typed so
 * the promotion package can translate them into steps; new configuration should use {@code promotionTemplate}.
 */
public record PromotionMechanisms(List<GitRepoUpdate> gitRepoUpdates, List<ArgoCDAppUpdate> argoCDAppUpdates,
                                  SourceLocation location) {

    public PromotionMechanisms {
        gitRepoUpdates = List.copyOf(gitRepoUpdates);
        argoCDAppUpdates = List.copyOf(argoCDAppUpdates);
    }

    /**
     * {@code gitRepoUpdates[]}: write the freight into a GitOps repository, through kustomize or helm (exclusive).
     *
     * @param readBranch      the branch read from; empty means {@code writeBranch}
     * @param kustomizeImages {@code kustomize.images[]}
     * @param helmImages      {@code helm.images[]}
     * @param helmCharts      {@code helm.charts[]}
     */
    public record GitRepoUpdate(String repoURL, String readBranch, String writeBranch, boolean insecureSkipTLSVerify,
                                List<KustomizeImageUpdate> kustomizeImages, List<HelmImageUpdate> helmImages,
                                List<HelmChartUpdate> helmCharts, SourceLocation location) {
        public GitRepoUpdate {
            readBranch = readBranch == null ? "" : readBranch;
            kustomizeImages = List.copyOf(kustomizeImages);
            helmImages = List.copyOf(helmImages);
            helmCharts = List.copyOf(helmCharts);
        }
    }

    /** Set {@code image} in the kustomization at {@code path}; the seed writes the image as {@code repoURL}. */
    public record KustomizeImageUpdate(String image, String path, boolean useDigest, SourceLocation location) {
    }

    /** Set {@code key} of a Helm values file to the image (or its tag / digest, per {@code value}). */
    public record HelmImageUpdate(String image, String valuesFilePath, String key, HelmImageValue value,
                                  SourceLocation location) {
    }

    /** What a {@link HelmImageUpdate} writes, as Kargo names it. */
    public enum HelmImageValue { ImageAndTag, Tag, ImageAndDigest, Digest }

    /** Update the version of a dependency of an umbrella chart at {@code chartPath}. */
    public record HelmChartUpdate(String repository, String name, String chartPath, SourceLocation location) {
    }

    /**
     * {@code argoCDAppUpdates[]}: sync these Argo CD Applications. Kargo's {@code appName} and the seed's
     * {@code appNames[]} are both read into {@code appNames}.
     */
    public record ArgoCDAppUpdate(List<String> appNames, String appNamespace, SourceLocation location) {
        public static final String DEFAULT_NAMESPACE = "argocd";

        public ArgoCDAppUpdate {
            appNames = List.copyOf(appNames);
        }
    }
}
