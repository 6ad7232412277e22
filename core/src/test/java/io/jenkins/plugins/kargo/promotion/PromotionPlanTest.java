package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.PromotionMechanisms;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.ArgoCDAppUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.GitRepoUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmChartUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmImageUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmImageValue;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.KustomizeImageUpdate;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.PromotionTemplate;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.promotion.files.KustomizeSetImageStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromotionPlanTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final SourceLocation HERE = new SourceLocation("stage.yaml", 1, "");

    /** Each step as {uses, as, config}, to compare whole plans with one expected document. */
    private static JsonNode written(List<PromotionStep> steps) {
        ArrayNode list = YAML.createArrayNode();
        steps.forEach(s -> list.addObject().put("uses", s.uses()).put("as", s.as()).set("config", s.config()));
        return list;
    }

    private static JsonNode yaml(String text) throws IOException {
        return YAML.readTree(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "uat", "preprod", "production"})
    void theSeedStagesBecomeCloneSetImagesCommitPushAndArgoCDUpdate(String name) throws Exception {
        KargoConfig config = new ConfigLoader().load(ExampleProject.directory());
        Stage stage = config.stage("myapp", name).orElseThrow();

        PromotionPlan plan = PromotionPlan.of(stage);

        String image = "harbor.yourdomain.com/services/";
        assertThat(written(plan.steps())).isEqualTo(yaml("""
                - uses: git-clone
                  as: clone1
                  config:
                    repoURL: https://github.com/yourorg/gitops-config.git
                    checkout:
                      - branch: main
                        path: repo-1
                - uses: kustomize-set-image
                  as: update1
                  config:
                    path: repo-1/overlays/STAGE
                    images:
                      - image: IMAGEuser-service
                        tag: ${{ imageFrom("IMAGEuser-service").Tag }}
                      - image: IMAGEpayment-service
                        tag: ${{ imageFrom("IMAGEpayment-service").Tag }}
                      - image: IMAGEnotification-service
                        tag: ${{ imageFrom("IMAGEnotification-service").Tag }}
                - uses: git-commit
                  as: commit1
                  config:
                    path: repo-1
                    message: "Promote Freight ${{ ctx.targetFreight.name }} (${{ ctx.targetFreight.alias }}) to stage ${{ ctx.stage }}\\n\\n${{ outputs.update1.commitMessage }}"
                - uses: git-push
                  as: push1
                  config:
                    path: repo-1
                    targetBranch: main
                - uses: argocd-update
                  as: argocd1
                  config:
                    apps:
                      - name: user-service-STAGE
                        namespace: argocd
                      - name: payment-service-STAGE
                        namespace: argocd
                      - name: notification-service-STAGE
                        namespace: argocd
                """.replace("STAGE", name).replace("IMAGE", image)));
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.location().file()).endsWith(name + "-stage.yaml"));
        assertThat(plan.vars()).isEmpty();
    }

    @Test
    void theTranslatedSetImageStepIsOneTheStepRuns(@TempDir Path work) throws Exception {
        Stage dev = new ConfigLoader().load(ExampleProject.directory()).stage("myapp", "dev").orElseThrow();
        PromotionStep update = PromotionPlan.of(dev).steps().get(1);
        Map<String, String> tags = Map.of("user-service", "v1.2.0", "payment-service", "v1.1.0-beta.1",
                "notification-service", "v0.9.0");
        // what the runner's ${{ imageFrom("...").Tag }} gives for this Freight
        String config = Pattern.compile("\\$\\{\\{ imageFrom\\(\\\\\"harbor.yourdomain.com/services/([a-z-]+)\\\\\"\\)\\.Tag }}")
                .matcher(update.config().toString()).replaceAll(m -> tags.get(m.group(1)));
        Path kustomization = Files.createDirectories(work.resolve("repo-1/overlays/dev")).resolve("kustomization.yaml");
        Files.writeString(kustomization, "resources:\n- ../../base\n");

        StepResult result = new KustomizeSetImageStep().run(new StepContext("myapp", "dev", "p1", "alice",
                new FreightCollection(List.of()), work, CredentialsProvider.NONE, EventSink.NONE, Clock.systemUTC()),
                new ObjectMapper().readTree(config));

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(Files.readString(kustomization)).isEqualTo("""
                resources:
                - ../../base
                images:
                - name: harbor.yourdomain.com/services/notification-service
                  newTag: v0.9.0
                - name: harbor.yourdomain.com/services/payment-service
                  newTag: v1.1.0-beta.1
                - name: harbor.yourdomain.com/services/user-service
                  newTag: v1.2.0
                """);
    }

    @Test
    void readBranchDigestsHelmValuesAndSeveralRepositoriesKeepTheirOwnNames() throws Exception {
        PromotionMechanisms mechanisms = new PromotionMechanisms(List.of(
                new GitRepoUpdate("https://git.example.com/a.git", "env/base", "env/dev", true, List.of(
                        new KustomizeImageUpdate("reg/api", "overlays/dev", true, HERE),
                        new KustomizeImageUpdate("reg/web", "overlays/web", false, HERE)), List.of(), List.of(), HERE),
                new GitRepoUpdate("https://git.example.com/b.git", "", "main", false, List.of(), List.of(
                        new HelmImageUpdate("reg/api", "charts/api/values.yaml", "image.tag", HelmImageValue.Tag, HERE),
                        new HelmImageUpdate("reg/api", "charts/api/values.yaml", "image.digest", HelmImageValue.Digest, HERE)),
                        List.of(), HERE)),
                List.of(new ArgoCDAppUpdate(List.of("api"), "apps", HERE)), HERE);

        assertThat(written(PromotionMechanismSteps.of(mechanisms))).isEqualTo(yaml("""
                - uses: git-clone
                  as: clone1
                  config:
                    repoURL: https://git.example.com/a.git
                    checkout: [{branch: env/base, path: repo-1}]
                    insecureSkipTLSVerify: true
                - uses: kustomize-set-image
                  as: update1
                  config:
                    path: repo-1/overlays/dev
                    images: [{image: reg/api, digest: '${{ imageFrom("reg/api").Digest }}'}]
                - uses: kustomize-set-image
                  as: update2
                  config:
                    path: repo-1/overlays/web
                    images: [{image: reg/web, tag: '${{ imageFrom("reg/web").Tag }}'}]
                - uses: git-commit
                  as: commit1
                  config:
                    path: repo-1
                    message: "Promote Freight ${{ ctx.targetFreight.name }} (${{ ctx.targetFreight.alias }}) to stage ${{ ctx.stage }}\\n\\n${{ outputs.update1.commitMessage }}\\n\\n${{ outputs.update2.commitMessage }}"
                - uses: git-push
                  as: push1
                  config: {path: repo-1, targetBranch: env/dev}
                - uses: git-clone
                  as: clone2
                  config:
                    repoURL: https://git.example.com/b.git
                    checkout: [{branch: main, path: repo-2}]
                - uses: helm-update-image
                  as: update3
                  config:
                    path: repo-2/charts/api/values.yaml
                    images:
                      - {image: reg/api, key: image.tag, value: Tag}
                      - {image: reg/api, key: image.digest, value: Digest}
                - uses: git-commit
                  as: commit2
                  config:
                    path: repo-2
                    message: "Promote Freight ${{ ctx.targetFreight.name }} (${{ ctx.targetFreight.alias }}) to stage ${{ ctx.stage }}\\n\\n${{ outputs.update3.commitMessage }}"
                - uses: git-push
                  as: push2
                  config: {path: repo-2, targetBranch: main}
                - uses: argocd-update
                  as: argocd1
                  config:
                    apps: [{name: api, namespace: apps}]
                """));
    }

    @Test
    void umbrellaChartUpdatesAreRefusedWithTheirLocation() {
        SourceLocation chartAt = new SourceLocation("stage.yaml", 12, "spec.promotionMechanisms.gitRepoUpdates[0].helm.charts[0]");
        PromotionMechanisms mechanisms = new PromotionMechanisms(List.of(new GitRepoUpdate("https://git.example.com/a.git",
                "", "main", false, List.of(), List.of(), List.of(new HelmChartUpdate("https://charts.example.com", "db",
                "charts/umbrella", chartAt)), HERE)), List.of(), HERE);

        assertThatThrownBy(() -> PromotionMechanismSteps.of(mechanisms)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("stage.yaml:12 spec.promotionMechanisms.gitRepoUpdates[0].helm.charts[0]: "
                        + "helm.charts (updating an umbrella chart's dependencies) is not supported");
    }

    @Test
    void aTemplateIsRunAsWrittenWithTheStageVariablesFirst() throws Exception {
        PromotionStep http = new PromotionStep("http", "notify", "", false, Optional.empty(), List.of(),
                yaml("url: https://example.com"), HERE);
        Stage stage = new Stage("myapp", "qa", Map.of(), List.of(new ExpressionVariable("env", "qa")), List.of(),
                Optional.of(new PromotionTemplate(List.of(new ExpressionVariable("url", "${{ vars.env }}.example.com")),
                        List.of(http))), Optional.empty(), Optional.empty(), HERE);

        PromotionPlan plan = PromotionPlan.of(stage);

        assertThat(plan.steps()).containsExactly(http);
        assertThat(plan.vars()).containsExactly(new ExpressionVariable("env", "qa"),
                new ExpressionVariable("url", "${{ vars.env }}.example.com"));
    }

    @Test
    void aStageWithoutStepsOrMechanismsCannotBePromotedInto() {
        Stage stage = new Stage("myapp", "qa", Map.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), new SourceLocation("qa-stage.yaml", 3, "spec"));

        assertThatThrownBy(() -> PromotionPlan.of(stage)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("qa-stage.yaml:3 spec: stage 'qa' cannot be promoted into: it has neither "
                        + "promotionTemplate nor promotionMechanisms. Fix: add spec.promotionTemplate.spec.steps");
    }
}
