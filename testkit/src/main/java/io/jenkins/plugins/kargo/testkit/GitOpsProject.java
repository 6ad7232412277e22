package io.jenkins.plugins.kargo.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Freight view's project, small and real: Project {@code shop} with Warehouse {@code images} of one image, and
 * stages dev → uat → prod that each write the image's tag into their overlay of a bare GitOps repository
 * ({@code git-clone}, {@code kustomize-set-image}, {@code git-commit}, {@code git-push}). dev is auto-promoted and,
 * when given a URL, smoke-checks it; uat is a manual gate whose verification waits for a person's sign-off; prod is a
 * manual gate that also syncs Argo CD (there is no cluster here: only a preview, which does not run it, gets that
 * far). A dashboard ConfigMap names the admins who may approve.
 */
public final class GitOpsProject {

    public static final String PROJECT = "shop";
    public static final String IMAGE = "registry.local/app";
    public static final List<String> STAGES = List.of("dev", "uat", "prod");

    private final BareGitRepository gitops;
    private final Path directory;

    private GitOpsProject(BareGitRepository gitops, Path directory) {
        this.gitops = gitops;
        this.directory = directory;
    }

    /**
     * Makes the GitOps repository under {@code dir} (each overlay at tag 0.9.0) and writes the project into
     * {@code dir/kargo}.
     *
     * @param smokeUrl what dev's verification wants status 200 from; null: dev has no verification
     * @param admins   the dashboard's {@code rbac.adminUsers}; none: RBAC off, anyone may approve
     */
    public static GitOpsProject create(Path dir, String smokeUrl, List<String> admins) {
        BareGitRepository gitops = BareGitRepository.create(dir, "gitops");
        Map<String, String> overlays = new LinkedHashMap<>();
        for (String stage : STAGES) {
            overlays.put("overlays/" + stage + "/kustomization.yaml", "images:\n  - name: " + IMAGE + "\n    newTag: 0.9.0\n");
        }
        gitops.commit("overlays at 0.9.0", Instant.parse("2026-12-01T00:00:00Z"), overlays);
        Path directory = dir.resolve("kargo");
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("shop.yaml"), ShopProject.header(IMAGE, ShopProject.AUTO_PROMOTE_DEV)
                    + stage(gitops, "dev", "sources: {direct: true}", "", smokeUrl == null ? ""
                    : "  verification:\n    analysisTemplates: [{name: smoke}]\n")
                    + stage(gitops, "uat", "sources: {stages: [dev]}", "",
                    "  verification:\n    analysisTemplates: [{name: sign-off}]\n")
                    + stage(gitops, "prod", "sources: {stages: [uat]}", """
                                    - uses: argocd-update
                                      config: {apps: [{name: app-prod}]}
                            """, "")
                    + (smokeUrl == null ? "" : ShopProject.smokeTemplate("smoke", smokeUrl))
                    + """
                    ---
                    apiVersion: argoproj.io/v1alpha1
                    kind: AnalysisTemplate
                    metadata:
                      name: sign-off
                      namespace: shop
                    spec:
                      metrics:
                        - name: sign-off
                          successCondition: result.approved == true
                          provider:
                            plugin:
                              kargo.akuity.io/approval:
                                message: "UAT sign-off: approve when user acceptance testing has passed"
                                timeout: 72h
                    """);
            Files.writeString(directory.resolve("dashboard.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: kargo-dashboard-config
                      namespace: kargo
                    data:
                      config.yaml: |
                        projects:
                          - name: shop
                        ui:
                          theme: light
                          refreshInterval: 30s
                        rbac:
                          enabled: %s
                          adminUsers: [%s]
                    """.formatted(!admins.isEmpty(), String.join(", ", admins)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GitOpsProject(gitops, directory);
    }

    private static String stage(BareGitRepository gitops, String name, String sources, String extraSteps,
                                String verification) {
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
                      %2$s
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: git-clone
                          config:
                            repoURL: %3$s
                            checkout: [{branch: main, path: ./out}]
                        - uses: kustomize-set-image
                          as: set-image
                          config:
                            path: ./out/overlays/%1$s
                            images: [{image: %4$s, tag: "${{ imageFrom('%4$s').Tag }}"}]
                        - uses: git-commit
                          as: commit
                          config: {path: ./out, message: "%1$s: ${{ ctx.targetFreight.alias }}"}
                        - uses: git-push
                          as: push
                          config: {path: ./out}
                %5$s%6$s""".formatted(name, sources, gitops.fileUrl(), IMAGE, extraSteps, verification);
    }

    /** The directory of Kargo YAML to apply. */
    public Path directory() {
        return directory;
    }

    public BareGitRepository gitops() {
        return gitops;
    }

    /** The tag a stage's overlay names on {@code main} now. */
    public String deployedTag(String stage) {
        return gitops.read("main", "overlays/" + stage + "/kustomization.yaml").lines().map(String::strip)
                .filter(l -> l.startsWith("newTag:")).map(l -> l.substring("newTag:".length()).strip()).findFirst()
                .orElse("");
    }
}
