package io.jenkins.plugins.kargo.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's own example (the seed's configuration, completed) loads as written. */
class ExampleConfigurationTest {

    static final Path EXAMPLE = locate("examples/myapp/kargo");

    private static KargoConfig config;

    static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("%s above the working directory", relative).isNotNull();
        return dir.resolve(relative);
    }

    @BeforeAll
    static void load() throws ConfigException {
        config = new ConfigLoader().load(EXAMPLE);
    }

    @Test
    void everyResourceOfTheSeedIsRead() {
        assertThat(config.projects()).extracting(Project::name).containsExactly("myapp");
        assertThat(config.warehouses("myapp")).extracting(Warehouse::name)
                .containsExactlyInAnyOrder("services-warehouse", "packages-warehouse");
        assertThat(config.stages("myapp")).extracting(Stage::name)
                .containsExactly("dev", "staging", "uat", "preprod", "production");
        assertThat(config.analysisTemplates("myapp")).extracting(AnalysisTemplate::name).containsExactlyInAnyOrder(
                "smoke-tests", "integration-tests", "e2e-tests", "performance-tests", "manual-uat-approval",
                "canary-metrics", "bluegreen-verification");
        assertThat(config.projectConfig("myapp")).isPresent();
        assertThat(config.dashboard()).isPresent();
    }

    @Test
    void seedImageSubscriptionsMapOntoCurrentFields() {
        Warehouse services = config.warehouse("myapp", "services-warehouse").orElseThrow();
        assertThat(services.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(services.subscriptions()).hasSize(3).allSatisfy(s -> {
            ImageSubscription image = (ImageSubscription) s;
            assertThat(image.strategy()).isEqualTo(ImageSelectionStrategy.SemVer);
            assertThat(image.constraint()).isEqualTo(">=1.0.0-alpha");
            assertThat(image.discoveryLimit()).isEqualTo(10);
            assertThat(image.platform()).isEqualTo("linux/amd64");
            assertThat(image.strictSemvers()).isTrue();
            assertThat(image.allowTagsRegexes()).containsExactly(
                    "^v[0-9]+\\.[0-9]+\\.[0-9]+-alpha\\.[0-9]+$",
                    "^v[0-9]+\\.[0-9]+\\.[0-9]+-beta\\.[0-9]+$",
                    "^v[0-9]+\\.[0-9]+\\.[0-9]+$");
        });
        assertThat(services.subscriptions()).extracting(Subscription::repoURL).containsExactly(
                "harbor.yourdomain.com/services/user-service",
                "harbor.yourdomain.com/services/payment-service",
                "harbor.yourdomain.com/services/notification-service");
    }

    @Test
    void seedChartEntriesOnVerdaccioAreNpmPackages() {
        Warehouse packages = config.warehouse("myapp", "packages-warehouse").orElseThrow();
        assertThat(packages.subscriptions()).hasSize(3).allSatisfy(s -> {
            NpmSubscription npm = (NpmSubscription) s;
            assertThat(npm.declaredAsChart()).isTrue();
            assertThat(npm.repoURL()).isEqualTo("https://verdaccio.yourdomain.com");
            assertThat(npm.constraint()).isEqualTo(">=1.0.0-alpha");
            assertThat(npm.discoveryLimit()).isEqualTo(20);
        });
        assertThat(packages.subscriptions()).extracting(s -> ((NpmSubscription) s).packageName())
                .containsExactly("@yourorg/common-types", "@yourorg/api-client", "@yourorg/utils");
    }

    @Test
    void stagesFormTheSeedChain() {
        Stage dev = config.stage("myapp", "dev").orElseThrow();
        assertThat(dev.requestedFreight()).singleElement().satisfies(r -> {
            assertThat(r.origin()).isEqualTo(FreightOrigin.warehouse("services-warehouse"));
            assertThat(r.sources().direct()).isTrue();
        });
        assertThat(config.stage("myapp", "production").orElseThrow().upstreamStages()).containsExactly("preprod");
        assertThat(config.downstreamStages(dev)).extracting(Stage::name).containsExactly("staging");

        PromotionMechanisms mechanisms = dev.promotionMechanisms().orElseThrow();
        assertThat(mechanisms.gitRepoUpdates()).singleElement().satisfies(g -> {
            assertThat(g.repoURL()).isEqualTo("https://github.com/yourorg/gitops-config.git");
            assertThat(g.writeBranch()).isEqualTo("main");
            assertThat(g.kustomizeImages()).extracting(PromotionMechanisms.KustomizeImageUpdate::path)
                    .containsOnly("overlays/dev");
        });
        assertThat(mechanisms.argoCDAppUpdates()).singleElement().satisfies(a -> {
            assertThat(a.appNamespace()).isEqualTo("argocd");
            assertThat(a.appNames()).containsExactly("user-service-dev", "payment-service-dev", "notification-service-dev");
        });
    }

    @Test
    void seedAnalysisRunsAreNormalisedIntoOneVerification() {
        Verification staging = config.stage("myapp", "staging").orElseThrow().verification().orElseThrow();
        assertThat(staging.analysisTemplates()).extracting(Verification.TemplateReference::name)
                .containsExactly("integration-tests", "e2e-tests", "performance-tests");
        assertThat(staging.args()).extracting(Verification.Argument::name, Verification.Argument::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("service-url", "http://user-service.staging.svc.cluster.local"),
                org.assertj.core.groups.Tuple.tuple("frontend-url", "https://staging.yourdomain.com"),
                org.assertj.core.groups.Tuple.tuple("load-test-users", "1000"));
        Verification uat = config.stage("myapp", "uat").orElseThrow().verification().orElseThrow();
        AnalysisTemplate approval = config.analysisTemplate("myapp", uat.analysisTemplates().get(0)).orElseThrow();
        assertThat(approval.metrics()).singleElement().extracting(AnalysisTemplate.Metric::provider)
                .isInstanceOfSatisfying(MetricProvider.Plugin.class,
                        p -> assertThat(p.name()).isEqualTo(MetricProvider.Plugin.APPROVAL));
    }

    @Test
    void smokeTestConditionWrittenInsideTheProviderBelongsToTheMetric() {
        AnalysisTemplate smoke = config.analysisTemplates("myapp").stream()
                .filter(t -> t.name().equals("smoke-tests")).findFirst().orElseThrow();
        AnalysisTemplate.Metric metric = smoke.metrics().get(0);
        assertThat(metric.successCondition()).isEqualTo("result.statusCode == 200");
        assertThat(metric.count()).isEqualTo(3);
        assertThat(metric.interval()).contains(Duration.ofSeconds(10));
        // its placement marks the seed's form: the result is the response, every status a result
        assertThat(metric.provider()).isEqualTo(new MetricProvider.Web("{{ args.service-url }}/health", "GET",
                List.of(), "", 0, "", false).asResponseObject());
    }

    @Test
    void policiesFromProjectAndProjectConfigAgreeAndMerge() {
        assertThat(config.promotionPolicies("myapp")).hasSize(5);
        assertThat(config.stages("myapp")).filteredOn(config::autoPromotionEnabled).extracting(Stage::name)
                .containsExactly("dev", "staging");
    }

    @Test
    void dashboardIsReadFromTheYamlInsideTheConfigMapWithoutShowingTheWebhook() {
        DashboardConfig dashboard = config.dashboard().orElseThrow();
        assertThat(dashboard.ui()).isEqualTo(new DashboardConfig.Ui("dark", Duration.ofSeconds(30)));
        assertThat(dashboard.projects()).singleElement().satisfies(p -> {
            assertThat(p.stages()).containsExactly("dev", "staging", "uat", "preprod", "production");
            // the embedded YAML's lines are reported as lines of the ConfigMap's file
            assertThat(p.location().line()).isEqualTo(10);
            assertThat(p.location().field()).isEqualTo("data.\"config.yaml\".projects[0]");
        });
        DashboardConfig.Slack slack = dashboard.slack().orElseThrow();
        assertThat(slack.webhook().reveal()).isEqualTo("https://hooks.slack.com/services/YOUR/WEBHOOK/URL");
        assertThat(dashboard.toString()).doesNotContain("hooks.slack.com").contains("<redacted>");
        assertThat(dashboard.rbac().adminUsers()).containsExactly("admin@yourdomain.com");
    }

    @Test
    void warningsNameEachDeprecatedSpellingWithItsLineAndTheCurrentForm() {
        List<ConfigProblem> warnings = config.warnings();
        assertThat(warnings).allSatisfy(w -> assertThat(w.isError()).isFalse());
        assertThat(warnings).filteredOn(w -> w.message().contains("scoped npm package")).hasSize(3)
                .first().satisfies(w -> {
                    assertThat(w.location().file()).endsWith("warehouses/packages-warehouse.yaml");
                    assertThat(w.location().line()).isEqualTo(10);
                    assertThat(w.fix()).contains("npm: {repoURL: https://verdaccio.yourdomain.com, "
                            + "package: \"@yourorg/common-types\", constraint: \">=1.0.0-alpha\"}");
                });
        assertThat(warnings).filteredOn(w -> w.location().field().endsWith("image.semverConstraint")).hasSize(3)
                .allSatisfy(w -> assertThat(w.fix()).isEqualTo("rename it to constraint"));
        assertThat(warnings).filteredOn(w -> w.location().field().endsWith("image.allowTags")).hasSize(3)
                .allSatisfy(w -> assertThat(w.fix()).isEqualTo("write allowTagsRegexes: "
                        + "[\"^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+-alpha\\\\.[0-9]+$\", "
                        + "\"^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+-beta\\\\.[0-9]+$\", \"^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+$\"]"));
        assertThat(warnings).filteredOn(w -> w.location().field().equals("spec.promotionMechanisms")).hasSize(5);
        assertThat(warnings).filteredOn(w -> w.location().field().equals("spec.verification.analysisRuns")).hasSize(4);
        assertThat(warnings).filteredOn(w -> w.location().field().equals("spec.promotionPolicies"))
                .singleElement().satisfies(w -> assertThat(w.fix()).contains("ProjectConfig"));
        assertThat(warnings).filteredOn(w -> w.location().field().equals("spec.metrics[0].provider.web.successCondition"))
                .singleElement().satisfies(w -> {
                    assertThat(w.location().line()).isEqualTo(16);
                    assertThat(w.message()).contains("in Argo Rollouts a web metric's result is the JSON body");
                });
        // the canary's bare `result < x` over one-element vectors works here; Argo Rollouts would end it in Error
        assertThat(warnings).filteredOn(w -> w.location().file().endsWith("canary-metrics.yaml"))
                .extracting(ConfigProblem::fix)
                .containsExactly("write successCondition: result[0] < 0.05", "write successCondition: result[0] < 500");
        assertThat(warnings).hasSize(3 + 3 + 3 + 5 + 4 + 1 + 1 + 2);
    }
}
