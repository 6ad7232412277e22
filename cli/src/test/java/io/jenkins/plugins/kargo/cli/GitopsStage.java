package io.jenkins.plugins.kargo.cli;

/**
 * Stages of the test kit's {@link io.jenkins.plugins.kargo.testkit.ShopProject} whose promotion writes the image's
 * tag into their overlay of a git repository ({@code git-clone}, {@code kustomize-set-image}, {@code git-commit},
 * {@code git-push}), as the CLI tests use them.
 */
final class GitopsStage {

    private GitopsStage() {
    }

    /**
     * A stage taking {@code image} from {@code sources} (the inside of {@code sources: {}}) into
     * {@code overlays/NAME} of the repository at {@code gitUrl}.
     *
     * @param request more lines of its Freight request (e.g. {@code maturity: [stable]}), or empty
     * @param spec    more of its spec (e.g. a {@code verification:} block), or empty
     */
    static String yaml(String name, String sources, String image, String gitUrl, String request, String spec) {
        return """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: %1$s
                  namespace: shop
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      sources: {%2$s}
                %5$s  promotionTemplate:
                    spec:
                      steps:
                        - uses: git-clone
                          config:
                            repoURL: %4$s
                            checkout: [{branch: main, path: ./out}]
                        - uses: kustomize-set-image
                          as: update
                          config:
                            path: ./out/overlays/%1$s
                            images:
                              - image: %3$s
                                tag: ${{ imageFrom("%3$s").Tag }}
                        - uses: git-commit
                          config:
                            path: ./out
                            message: ${{ outputs.update.commitMessage }}
                        - uses: git-push
                          config:
                            path: ./out
                %6$s""".formatted(name, sources, image, gitUrl,
                request.isEmpty() ? "" : "      " + request + "\n", spec);
    }
}
