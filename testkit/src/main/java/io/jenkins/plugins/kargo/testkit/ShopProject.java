package io.jenkins.plugins.kargo.testkit;

/**
 * Kargo YAML for the small project tests apply: Project {@code shop} with its promotion policies, Warehouse
 * {@code images} of one image, and a web smoke-check template. Tests add their own stages.
 */
public final class ShopProject {

    public static final String NAME = "shop";

    /** The promotion policy that auto-promotes Freight into {@code dev}, for {@link #header}. */
    public static final String AUTO_PROMOTE_DEV = "- stage: dev\n  autoPromotionEnabled: true";

    private ShopProject() {
    }

    /**
     * The Project, a ProjectConfig with {@code policies} (the items of {@code promotionPolicies}, as YAML lines at
     * the list's indentation, e.g. {@code "- stage: dev\n  autoPromotionEnabled: true"}; none when empty), and the
     * Warehouse of {@code image}.
     */
    public static String header(String image, String policies) {
        String config = policies.isEmpty() ? "" : """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: ProjectConfig
                metadata:
                  name: shop
                  namespace: shop
                spec:
                  promotionPolicies:
                """ + policies.strip().indent(4);
        return """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata:
                  name: shop
                """ + config + """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata:
                  name: images
                  namespace: shop
                spec:
                  subscriptions:
                    - image:
                        repoURL: %s
                """.formatted(image);
    }

    /**
     * An AnalysisTemplate {@code name} whose metric {@code health} wants status 200 from {@code url}, in the seed's
     * form (the condition inside {@code provider.web}, over the whole response), so that any other status is a
     * Failed measurement rather than Argo Rollouts' Error.
     */
    public static String smokeTemplate(String name, String url) {
        return """
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata:
                  name: %s
                  namespace: shop
                spec:
                  metrics:
                    - name: health
                      provider:
                        web:
                          url: %s
                          successCondition: result.statusCode == 200
                """.formatted(name, url);
    }
}
