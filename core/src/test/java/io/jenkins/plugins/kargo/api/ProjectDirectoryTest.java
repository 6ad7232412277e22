package io.jenkins.plugins.kargo.api;

import static io.jenkins.plugins.kargo.api.ConfigFixture.assertProblem;
import static io.jenkins.plugins.kargo.api.ConfigFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole Kargo project directory: promotion tasks, Secrets, ConfigMaps, and kinds this product does not use. */
class ProjectDirectoryTest {

    @TempDir
    Path dir;

    private ConfigFixture base() {
        return new ConfigFixture(dir).withBase();
    }

    private static final String TASK = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: PromotionTask
            metadata:
              name: render
              namespace: shop
            spec:
              vars:
                - name: repoURL
                - name: branch
                  value: main
              steps:
                - uses: git-clone
                  as: clone
                  config:
                    repoURL: ${{ vars.repoURL }}
                - uses: git-commit
                  config:
                    path: ./out
            """;

    private static String stageUsing(String taskStep) {
        return """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: qa
                  namespace: shop
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      sources: {direct: true}
                  promotionTemplate:
                    spec:
                      vars:
                        - name: stageVar
                          value: x
                      steps:
                        - uses: git-clone
                          config: {repoURL: https://git.example.com/a.git}
                """ + taskStep.indent(8);
    }

    @Test
    void promotionTasksAndTaskStepsAreRead() throws ConfigException {
        String cluster = TASK.replace("kind: PromotionTask", "kind: ClusterPromotionTask")
                .replace("  namespace: shop\n", "").replace("name: render", "name: notify");
        KargoConfig config = base().with("tasks/render.yaml", TASK).with("tasks/notify.yaml", cluster)
                .with("qa.yaml", stageUsing("""
                        - task: {name: render}
                          as: render
                          vars: [{name: repoURL, value: https://git.example.com/b.git}]
                        - task: {name: notify, kind: ClusterPromotionTask}
                          vars: [{name: repoURL, value: https://git.example.com/c.git}]
                        """)).load();

        PromotionTask render = config.promotionTasks("shop").stream().filter(t -> t.name().equals("render"))
                .findFirst().orElseThrow();
        assertThat(render.kind()).isEqualTo(ResourceKind.PROMOTION_TASK);
        assertThat(render.vars()).containsExactly(new ExpressionVariable("repoURL", ""),
                new ExpressionVariable("branch", "main"));
        assertThat(render.steps()).extracting(PromotionStep::uses).containsExactly("git-clone", "git-commit");
        List<PromotionStep> steps = config.stage("shop", "qa").orElseThrow().promotionTemplate().orElseThrow().steps();
        assertThat(steps.get(1).task()).contains(new PromotionStep.TaskReference("render", ResourceKind.PROMOTION_TASK));
        assertThat(steps.get(2).task()).contains(new PromotionStep.TaskReference("notify",
                ResourceKind.CLUSTER_PROMOTION_TASK));
        assertThat(config.promotionTask("shop", steps.get(2).task().get())).map(PromotionTask::project).contains("");
    }

    @Test
    void inflatedStepsAreNamespacedAndGetTheTaskInputsAsKargoDoes() throws ConfigException {
        PromotionTask task = base().with("task.yaml", TASK).load().promotionTasks("shop").get(0);
        List<PromotionStep> inflated = task.inflate("render", List.of(new ExpressionVariable("branch", "dev")),
                List.of(new ExpressionVariable("repoURL", "https://git.example.com/b.git")));

        assertThat(inflated).extracting(PromotionStep::as).containsExactly("render::clone", "render::step-2");
        // the default of 'branch' is not used: the promotion sets it; the step's own vars come last
        assertThat(inflated.get(0).vars()).containsExactly(
                new ExpressionVariable("repoURL", "https://git.example.com/b.git"));
        assertThat(task.inflate("t", List.of(), List.of(new ExpressionVariable("repoURL", "u"))).get(1).vars())
                .containsExactly(new ExpressionVariable("branch", "main"), new ExpressionVariable("repoURL", "u"));
        assertThat(task.missingInputs(List.of(), List.of())).containsExactly("repoURL");
    }

    @Test
    void anUnknownTaskIsNamedWithTheClosestOne() {
        String stage = stageUsing("- task: {name: rendr}\n");
        ConfigProblem problem = base().with("task.yaml", TASK).with("qa.yaml", stage).error();
        assertProblem(problem, "qa.yaml", lineOf(stage, "task:"), "spec.promotionTemplate.spec.steps[1].task.name",
                "unknown PromotionTask 'rendr' in project shop", "did you mean 'render'?");
    }

    @Test
    void aTaskInputWithoutValueIsAnErrorAtApply() {
        String stage = stageUsing("- task: {name: render}\n");
        ConfigProblem problem = base().with("task.yaml", TASK).with("qa.yaml", stage).error();
        assertProblem(problem, "qa.yaml", lineOf(stage, "task:"), "spec.promotionTemplate.spec.steps[1]",
                "PromotionTask 'render' needs input 'repoURL'", "vars: [{name: repoURL, value: <value>}]");
    }

    @Test
    void aTaskCannotStandForAnotherTask() {
        String task = TASK.replace("    - uses: git-commit\n", "    - task: {name: other}\n");
        ConfigProblem problem = base().with("task.yaml", task).error();
        assertThat(problem.message()).contains("cannot stand for another task");
        assertThat(problem.location().line()).isEqualTo(lineOf(task, "task: {name: other}"));
    }

    @Test
    void credentialSecretsAreReadWithTheirValuesHidden() throws ConfigException {
        String password = Base64.getEncoder().encodeToString("s3cr3t-canary".getBytes(StandardCharsets.UTF_8));
        KargoConfig config = base().with("secrets.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: harbor
                  namespace: shop
                  labels: {kargo.akuity.io/cred-type: image}
                stringData:
                  repoURL: registry.example.com/shop/web
                  username: robot
                data:
                  password: %s
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: slack, namespace: shop}
                stringData: {token: canary-token}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: shared-git, namespace: kargo-shared-resources, labels: {kargo.akuity.io/cred-type: git}}
                stringData: {repoURL: https://git.example.com/a.git, username: u, password: p}
                """.formatted(password)).load();

        Secret harbor = config.secrets("shop").get(0);
        assertThat(harbor.credentialType()).contains("image");
        assertThat(harbor.value("password").map(SecretValue::reveal)).contains("s3cr3t-canary");
        assertThat(config.secrets("shop")).extracting(Secret::name).containsExactly("harbor", "slack");
        assertThat(config.secrets("")).extracting(Secret::name).containsExactly("shared-git");
        assertThat(config.resources().toString()).doesNotContain("s3cr3t-canary", "canary-token");
    }

    @Test
    void aBrokenCredentialSecretIsNamedWithoutItsValues() {
        String yaml = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: harbor
                  namespace: shop
                  labels: {kargo.akuity.io/cred-type: imagee}
                data:
                  password: "!!not-base64-canary"
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: git
                  namespace: shop
                  labels: {kargo.akuity.io/cred-type: git}
                stringData: {username: u, password: canary-password}
                """;
        List<ConfigProblem> errors = base().with("secrets.yaml", yaml).errors();
        assertThat(errors).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "data.password is not valid base64 (value not shown)",
                "'imagee' is not a Kargo credential type",
                "credential Secret 'git' (git) has no repoURL");
        assertThat(errors.toString()).doesNotContain("canary");
        assertThat(errors.stream().filter(e -> e.message().contains("imagee")).findFirst().orElseThrow().fix())
                .contains("did you mean 'image'?");
    }

    @Test
    void configMapsForExpressionsBesideTheDashboard() throws ConfigException {
        KargoConfig config = base().with("cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {repoURL: https://git.example.com/a.git, config.yaml: "a: 1"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: common, namespace: kargo-shared-resources}
                data: {team: platform}
                """).with("dashboard.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: kargo-dashboard-config, namespace: kargo}
                data:
                  config.yaml: |
                    projects: [{name: shop}]
                """).load();

        assertThat(config.configMap("shop", "settings").orElseThrow().data())
                .containsEntry("repoURL", "https://git.example.com/a.git");
        assertThat(config.configMap("", "common").orElseThrow().data()).isEqualTo(Map.of("team", "platform"));
        assertThat(config.dashboard()).map(DashboardConfig::name).contains("kargo-dashboard-config");
    }

    @Test
    void otherKindsAreReportedOncePerKindAsNotUsedHere() throws ConfigException {
        KargoConfig config = base().with("rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: devs, namespace: shop}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: ops, namespace: shop}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: ci, namespace: shop}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: argocd-token, namespace: argocd}
                stringData: {token: x}
                """).load();

        assertThat(config.warnings()).extracting(ConfigProblem::message).contains(
                "2 RoleBindings (rbac.authorization.k8s.io/v1: devs, ops) not used here: access is the user's own"
                        + " (CLI) or Jenkins' permissions here",
                "1 ServiceAccount (v1: ci) not used here: access is the user's own (CLI) or Jenkins' permissions here",
                "1 Deployment (apps/v1: web) not used here: not a kind this product reads",
                "1 Secret (v1 in namespace argocd: argocd-token) not used here: namespace argocd is no Project of this"
                        + " configuration (nor kargo-shared-resources)");
        assertThat(config.secrets("shop")).isEmpty();
    }

    @Test
    void aMisspeltKindStaysAnErrorNamingTheNearestKind() {
        String yaml = "apiVersion: kargo.akuity.io/v1alpha1\nkind: PromotionTsk\nmetadata: {name: x, namespace: shop}\n";
        assertProblem(base().with("typo.yaml", yaml).error(), "typo.yaml", 2, "kind",
                "unknown kind 'PromotionTsk'", "did you mean 'PromotionTask'?");
        String kargo = "apiVersion: kargo.akuity.io/v1alpha1\nkind: Pipeline\nmetadata: {name: x, namespace: shop}\n";
        assertThat(new ConfigFixture(dir).withBase().with("typo.yaml", kargo).error().message())
                .isEqualTo("unknown kind 'Pipeline' of kargo.akuity.io/v1alpha1");
    }

    @Test
    void manualWarehousesAndCriteria() throws ConfigException {
        KargoConfig config = base().with("warehouse.yaml", ConfigFixture.WAREHOUSE.replace("spec:\n", """
                spec:
                  interval: 90s
                  freightCreationPolicy: Manual
                  freightCreationCriteria:
                    expression: imageFrom('registry.example.com/shop/web').Tag != '1.0.0'
                """)).load();
        Warehouse warehouse = config.warehouse("shop", "images").orElseThrow();
        assertThat(warehouse.freightCreationPolicy()).isEqualTo(Warehouse.FreightCreationPolicy.Manual);
        assertThat(warehouse.freightCreationCriteria()).isEqualTo("imageFrom('registry.example.com/shop/web').Tag != '1.0.0'");
        assertThat(warehouse.interval()).hasSeconds(90);

        String wrong = ConfigFixture.WAREHOUSE.replace("spec:\n", "spec:\n  freightCreationPolicy: Manaul\n");
        assertThat(new ConfigFixture(dir).withBase().with("warehouse.yaml", wrong).error().fix())
                .contains("did you mean 'Manual'?");
    }

    @Test
    void theStoredCopyHasEverySecretBlankedOnItsOwnLines() throws ConfigException {
        String text = """
                # warehouse and secrets together
                apiVersion: v1
                kind: Secret
                metadata: {name: first, namespace: shop}
                stringData: {token: canary-1}
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata: {name: more, namespace: shop}
                spec:
                  subscriptions: [{image: {repoURL: registry.example.com/shop/api}}]
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: second
                  namespace: shop
                stringData:
                  token: |
                    canary-2
                """;
        ConfigLoader loader = new ConfigLoader();
        List<ConfigSource> stored = loader.withoutSecrets(List.of(new ConfigSource("mixed.yaml", text)));

        String kept = stored.get(0).text();
        assertThat(kept).doesNotContain("canary").contains("kind: Warehouse")
                .contains("# Secret first: kept in the credentials store")
                .contains("# Secret second: kept in the credentials store");
        assertThat(kept.lines().count()).isEqualTo(text.lines().count());
        assertThat(kept.lines().toList().get(lineOf(text, "kind: Warehouse") - 1)).isEqualTo("kind: Warehouse");
        KargoConfig config = new ConfigFixture(dir).withBase().with("mixed.yaml", kept).load();
        assertThat(config.warehouse("shop", "more")).isPresent();
        assertThat(config.secrets("shop")).isEmpty();
    }
}
