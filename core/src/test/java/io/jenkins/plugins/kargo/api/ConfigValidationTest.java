package io.jenkins.plugins.kargo.api;

import static io.jenkins.plugins.kargo.api.ConfigFixture.assertProblem;
import static io.jenkins.plugins.kargo.api.ConfigFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each validation rule, shown by a broken snippet: the error names file, line, field, what is wrong and the fix. */
class ConfigValidationTest {

    @TempDir
    Path dir;

    private ConfigFixture base() {
        return new ConfigFixture(dir).withBase();
    }

    private static String warehouse(String imageFields) {
        return """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata:
                  name: more
                  namespace: shop
                spec:
                  subscriptions:
                    - image:
                        repoURL: registry.example.com/shop/api
                """ + imageFields.indent(8);
    }

    private static String stage(String name, String spec) {
        return """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: %s
                  namespace: shop
                spec:
                """.formatted(name) + spec.indent(2);
    }

    @Test
    void baseConfigurationIsValid() throws ConfigException {
        KargoConfig config = base().load();
        assertThat(config.warnings()).isEmpty();
        assertThat(config.stage("shop", "test")).isPresent();
    }

    @Test
    void unknownApiVersion() {
        String yaml = "apiVersion: kargo.akuity.io/v1beta1\nkind: Stage\nmetadata: {name: x, namespace: shop}\nspec: {}\n";
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", 1, "apiVersion",
                "unknown apiVersion 'kargo.akuity.io/v1beta1' for kind Stage", "write apiVersion: kargo.akuity.io/v1alpha1");
    }

    @Test
    void unknownKindSuggestsTheClosest() {
        String yaml = "apiVersion: kargo.akuity.io/v1alpha1\nkind: Warehose\nmetadata: {name: x, namespace: shop}\n";
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", 2, "kind",
                "unknown kind 'Warehose'", "did you mean 'Warehouse'?");
    }

    @Test
    void unknownFieldSuggestsTheClosest() {
        String yaml = warehouse("semverConstrant: ^1.0.0");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "semverConstrant"),
                "spec.subscriptions[0].image.semverConstrant", "unknown field 'semverConstrant'",
                "did you mean 'semverConstraint'?");
    }

    @Test
    void unknownFieldFarFromAnyListsTheKnownOnes() {
        String yaml = stage("qa", "colour: blue\nrequestedFreight:\n  - origin: {kind: Warehouse, name: images}\n"
                + "    sources: {direct: true}");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "colour"), "spec.colour",
                "unknown field 'colour'", "known fields here are promotionMechanisms, promotionTemplate");
    }

    @Test
    void missingRequiredField() {
        String yaml = """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata: {name: more, namespace: shop}
                spec:
                  subscriptions:
                    - image:
                        constraint: ^1.0.0
                """;
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "- image:"),
                "spec.subscriptions[0].image", "missing required field 'repoURL'",
                "repoURL: harbor.example.com/services/user-service");
    }

    @Test
    void invalidSemverRange() {
        String yaml = warehouse("constraint: \">= 1.0.0 <<2\"");
        ConfigProblem problem = base().with("broken.yaml", yaml).error();
        assertProblem(problem, "broken.yaml", lineOf(yaml, "constraint"), "spec.subscriptions[0].image.constraint",
                "invalid semver range", "write a range such as \">=1.0.0\"");
    }

    @Test
    void invalidRegex() {
        String yaml = warehouse("allowTagsRegexes:\n  - \"^v[0-9]+$\"\n  - \"(?<=v)[0-9]+\"");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "(?<=v)"),
                "spec.subscriptions[0].image.allowTagsRegexes[1]", "invalid tag pattern", "correct the pattern");
    }

    @Test
    void catastrophicRegexIsRefusedBeforeCompiling() {
        String yaml = warehouse("ignoreTagsRegexes: [\"((a{1000}){1000}){1000}\"]");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "ignoreTagsRegexes"),
                "spec.subscriptions[0].image.ignoreTagsRegexes[0]", "invalid tag pattern", "correct the pattern");
    }

    @Test
    void invalidSeedStyleAllowTagsPattern() {
        String yaml = warehouse("allowTags:\n  - pattern: \"^v[0-9+$\"");
        List<ConfigProblem> errors = base().with("broken.yaml", yaml).errors();
        assertThat(errors).singleElement().satisfies(p -> assertProblem(p, "broken.yaml", lineOf(yaml, "pattern"),
                "spec.subscriptions[0].image.allowTags[0].pattern", "invalid tag pattern", "correct the pattern"));
    }

    @Test
    void unknownWarehouse() {
        String yaml = stage("qa", "requestedFreight:\n  - origin: {kind: Warehouse, name: imagez}\n    sources: {direct: true}");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "- origin"),
                "spec.requestedFreight[0].origin.name", "unknown warehouse 'imagez' in project shop",
                "did you mean 'images'?");
    }

    @Test
    void unknownUpstreamStage() {
        String yaml = stage("qa", "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n    sources:\n"
                + "      stages: [tset]");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "- origin"),
                "spec.requestedFreight[0].sources.stages", "unknown upstream stage 'tset'", "did you mean 'test'?");
    }

    @Test
    void upstreamStageMustRequestTheSameOrigin() {
        String other = warehouse("constraint: ^2.0.0");
        String yaml = stage("qa", "requestedFreight:\n  - origin: {kind: Warehouse, name: more}\n    sources:\n"
                + "      stages: [test]");
        assertProblem(base().with("more.yaml", other).with("broken.yaml", yaml).error(), "broken.yaml",
                lineOf(yaml, "- origin"), "spec.requestedFreight[0].sources.stages",
                "upstream stage 'test' does not request Warehouse/more", "request Warehouse/more in stage test");
    }

    @Test
    void cycleInTheStageGraphIsNamed() {
        String a = stage("a", "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n    sources: {stages: [c]}");
        String b = stage("b", "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n    sources: {stages: [a]}");
        String c = stage("c", "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n    sources: {stages: [b]}");
        ConfigProblem problem = base().with("a.yaml", a).with("b.yaml", b).with("c.yaml", c).error();
        assertThat(problem.message()).contains("the stages form a cycle:").containsAnyOf(
                "a → c → b → a", "b → a → c → b", "c → b → a → c");
        assertThat(problem.fix()).contains("remove one of these upstream links");
        assertThat(problem.location().field()).isEqualTo("spec.requestedFreight[0].sources.stages");
        assertThat(problem.location().line()).isEqualTo(lineOf(a, "- origin"));
    }

    @Test
    void aCycleOfFiveThousandStagesIsNamedNotAStackOverflow() {
        int count = 5_000;
        ConfigFixture config = base();
        for (int file = 0; file < count / 1_000; file++) {
            List<String> stages = new ArrayList<>();
            for (int i = file * 1_000; i < (file + 1) * 1_000; i++) {
                stages.add(stage("s" + i, "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n"
                        + "    sources: {stages: [s" + ((i + count - 1) % count) + "]}"));
            }
            config = config.with("stages-" + file + ".yaml", String.join("---\n", stages));
        }

        ConfigProblem problem = config.error();

        assertThat(problem.message()).startsWith("the stages form a cycle of 5000 stages: ")
                .contains("… (4988 more) …").hasSizeLessThan(300);
    }

    @Test
    void missingAnalysisTemplate() {
        String yaml = stage("qa", """
                requestedFreight:
                  - origin: {kind: Warehouse, name: images}
                    sources: {direct: true}
                verification:
                  analysisTemplates:
                    - name: smoke-test
                """);
        String template = """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: smoke-tests, namespace: shop}
                spec:
                  metrics:
                    - name: up
                      provider: {web: {url: "http://web/health"}}
                """;
        assertProblem(base().with("template.yaml", template).with("broken.yaml", yaml).error(), "broken.yaml",
                lineOf(yaml, "- name: smoke-test"), "spec.verification.analysisTemplates[0]",
                "unknown AnalysisTemplate 'smoke-test' in project shop", "did you mean 'smoke-tests'?");
    }

    @Test
    void onlyTheApprovalMetricPluginIsAcceptedAndItsTimeoutIsADuration() {
        String other = """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: sign-off, namespace: shop}
                spec:
                  metrics:
                    - name: sign-off
                      provider:
                        plugin:
                          argoproj-labs/sample-prometheus: {address: http://prometheus}
                """;
        assertProblem(base().with("template.yaml", other).error(), "template.yaml",
                lineOf(other, "argoproj-labs/sample-prometheus"),
                "spec.metrics[0].provider.plugin.\"argoproj-labs/sample-prometheus\"",
                "metric plugin argoproj-labs/sample-prometheus is not available here", "use a web, prometheus or job "
                        + "provider, or the kargo.akuity.io/approval plugin for a person's decision");

        String approval = other.replace("argoproj-labs/sample-prometheus: {address: http://prometheus}", """
                kargo.akuity.io/approval:
                            message: sign off
                            timeout: 3 days""");
        assertProblem(base().with("template.yaml", approval).error(), "template.yaml",
                lineOf(approval, "timeout: 3 days"),
                "spec.metrics[0].provider.plugin.\"kargo.akuity.io/approval\".timeout",
                "'timeout' is '3 days', not a duration",
                "write a number with a unit (ms, s, m, h), e.g. 10s, 1m or 1m30s");
    }

    @Test
    void clusterAnalysisTemplateIsFoundAcrossProjectsButOnlyByItsKind() throws ConfigException {
        String template = """
                apiVersion: argoproj.io/v1alpha1
                kind: ClusterAnalysisTemplate
                metadata: {name: shared-smoke}
                spec:
                  metrics:
                    - name: up
                      provider: {web: {url: "http://web/health"}}
                """;
        String good = stage("qa", "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n"
                + "    sources: {direct: true}\nverification:\n  analysisTemplates:\n"
                + "    - {name: shared-smoke, kind: ClusterAnalysisTemplate}");
        KargoConfig config = base().with("template.yaml", template).with("qa.yaml", good).load();
        Verification verification = config.stage("shop", "qa").orElseThrow().verification().orElseThrow();
        assertThat(config.analysisTemplate("shop", verification.analysisTemplates().get(0))).isPresent();

        String wrongKind = good.replace(", kind: ClusterAnalysisTemplate", "");
        assertProblem(new ConfigFixture(dir).with("qa.yaml", wrongKind).error(), "qa.yaml",
                lineOf(wrongKind, "shared-smoke"), "spec.verification.analysisTemplates[0]",
                "unknown AnalysisTemplate 'shared-smoke'", "define a AnalysisTemplate named shared-smoke");
    }

    @Test
    void requiredTemplateArgumentMustBeGiven() {
        String template = """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: smoke, namespace: shop}
                spec:
                  args:
                    - name: service-url
                  metrics:
                    - name: up
                      provider: {web: {url: "{{ args.service-url }}/health"}}
                """;
        String yaml = stage("qa", "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n"
                + "    sources: {direct: true}\nverification:\n  analysisTemplates: [{name: smoke}]");
        assertProblem(base().with("template.yaml", template).with("broken.yaml", yaml).error(), "broken.yaml",
                lineOf(yaml, "analysisTemplates"), "spec.verification.analysisTemplates[0]",
                "AnalysisTemplate 'smoke' needs argument 'service-url'", "add to verification.args: - name: service-url");
    }

    @Test
    void templatePlaceholderMustNameADeclaredArgument() {
        String template = """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: smoke, namespace: shop}
                spec:
                  args:
                    - name: service-url
                  metrics:
                    - name: up
                      provider:
                        web:
                          url: "{{ args.service_url }}/health"
                """;
        assertProblem(base().with("broken.yaml", template).error(), "broken.yaml", lineOf(template, "url:"),
                "spec.metrics[0].provider.web.url", "'{{ args.service_url }}' refers to an argument the template does not declare",
                "did you mean 'service-url'?");
    }

    @Test
    void argumentsGivenTwiceWithDifferentValues() {
        String yaml = stage("qa", """
                requestedFreight:
                  - origin: {kind: Warehouse, name: images}
                    sources: {direct: true}
                verification:
                  analysisTemplates: [{name: smoke}]
                  args:
                    - {name: url, value: "http://a"}
                  analysisRuns:
                    - analysisTemplate: {name: smoke}
                      args:
                        - {name: url, value: "http://b"}
                """);
        String template = """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: smoke, namespace: shop}
                spec:
                  args: [{name: url}]
                  metrics:
                    - name: up
                      provider: {web: {url: "{{ args.url }}"}}
                """;
        assertProblem(base().with("t.yaml", template).with("broken.yaml", yaml).error(), "broken.yaml",
                lineOf(yaml, "http://b"), "spec.verification.analysisRuns[0].args[0].value",
                "argument 'url' is given again with a different value (first at ", "give it one value");
    }

    @Test
    void malformedWarehouseInterval() {
        String yaml = warehouse("constraint: ^1.0.0") + "  interval: 5 minutes\n";
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "interval"),
                "spec.interval", "'interval' is '5 minutes', not a duration matching ^([0-9]+(\\.[0-9]+)?(s|m|h))+$",
                "e.g. 30s, 5m or 1h30m");
    }

    @Test
    void kargoIntervalRefusesGoOnlyUnits() {
        String yaml = warehouse("constraint: ^1.0.0") + "  interval: 500ms\n";
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "interval"),
                "spec.interval", "not a duration matching", "unit s, m or h");
    }

    @Test
    void malformedSoakTime() {
        String yaml = stage("qa", "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n"
                + "    sources:\n      stages: [test]\n      requiredSoakTime: 1 hour");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "requiredSoakTime"),
                "spec.requestedFreight[0].sources.requiredSoakTime", "'requiredSoakTime' is '1 hour'", "1h30m");
    }

    @Test
    void malformedMetricDuration() {
        String template = """
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: smoke, namespace: shop}
                spec:
                  metrics:
                    - name: up
                      count: 3
                      interval: 10 sec
                      provider: {web: {url: "http://web/health"}}
                """;
        List<ConfigProblem> errors = base().with("broken.yaml", template).errors();
        assertThat(errors).hasSize(2);
        assertProblem(errors.get(0), "broken.yaml", lineOf(template, "interval"), "spec.metrics[0].interval",
                "'interval' is '10 sec', not a duration", "e.g. 10s, 1m or 1m30s");
        // with the interval unreadable, count 3 has none: reported too, so one run shows both
        assertProblem(errors.get(1), "broken.yaml", lineOf(template, "count"), "spec.metrics[0].count",
                "count is 3 but no interval is set", "add interval: 10s");
    }

    @Test
    void duplicateResourceNames() {
        String again = ConfigFixture.STAGE + "# the same stage again\n";
        ConfigProblem problem = base().with("zz-stage-again.yaml", again).error();
        assertProblem(problem, "zz-stage-again.yaml", 1, "", "Stage 'test' is defined twice in project shop (first at ",
                "give it another metadata.name");
        assertThat(problem.message()).contains("stage.yaml:1");
    }

    @Test
    void discoveryLimitOutOfRange() {
        String yaml = warehouse("discoveryLimit: 101");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "discoveryLimit"),
                "spec.subscriptions[0].image.discoveryLimit", "'discoveryLimit' is 101, outside 1..100",
                "use a value between 1 and 100");
        String zero = warehouse("discoveryLimit: 0");
        assertThat(new ConfigFixture(dir).with("broken.yaml", zero).error().message()).contains("is 0, outside 1..100");
    }

    @Test
    void invalidPlatform() {
        String yaml = warehouse("platform: linux-amd64");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "platform"),
                "spec.subscriptions[0].image.platform", "'linux-amd64' is not a platform", "linux/arm64/v8");
    }

    @Test
    void wrongTypeIsReportedWithTheFix() {
        String yaml = warehouse("strictSemvers: \"yes\"");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "strictSemvers"),
                "spec.subscriptions[0].image.strictSemvers", "'strictSemvers' must be true or false",
                "(without quotes)");
    }

    @Test
    void digestStrategyNeedsTheTagToTrack() {
        String yaml = warehouse("imageSelectionStrategy: Digest");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "- image:"),
                "spec.subscriptions[0].image", "imageSelectionStrategy Digest needs the tag", "add constraint: latest");
    }

    @Test
    void unknownSelectionStrategySuggestsTheClosest() {
        String yaml = warehouse("imageSelectionStrategy: Semver");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "imageSelectionStrategy"),
                "spec.subscriptions[0].image.imageSelectionStrategy", "'Semver', which is not one of",
                "did you mean 'SemVer'?");
    }

    @Test
    void contradictoryPoliciesNameBothFiles() {
        String config = """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: ProjectConfig
                metadata: {name: shop, namespace: shop}
                spec:
                  promotionPolicies:
                    - stage: test
                      autoPromotionEnabled: true
                """;
        String project = """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata:
                  name: shop
                spec:
                  promotionPolicies:
                    - stage: test
                      autoPromotionEnabled: false
                """;
        List<ConfigProblem> errors = base().with("project.yaml", project).with("promotions/policy.yaml", config).errors();
        assertThat(errors).singleElement().satisfies(p -> {
            assertProblem(p, "project.yaml", lineOf(project, "- stage"), "spec.promotionPolicies[0]",
                    "this policy for stage 'test' contradicts the one at ", "make the two agree, or remove the one in");
            assertThat(p.message()).contains("promotions/policy.yaml:" + lineOf(config, "- stage"))
                    .contains("autoPromotionEnabled false here, true there");
        });
    }

    @Test
    void policySelectorPatternsAreCheckedAndMatched() throws ConfigException {
        String config = """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: ProjectConfig
                metadata: {name: shop, namespace: shop}
                spec:
                  promotionPolicies:
                    - stageSelector: {name: "glob:te*"}
                      autoPromotionEnabled: true
                    - stageSelector: {name: "regex:^(qa"}
                      autoPromotionEnabled: true
                """;
        assertProblem(base().with("policy.yaml", config).error(), "policy.yaml", lineOf(config, "regex:"),
                "spec.promotionPolicies[1].stageSelector.name", "invalid tag pattern \"^(qa\"", "correct the pattern");

        KargoConfig loaded = base().with("policy.yaml", config.replace("regex:^(qa", "regex:^qa")).load();
        assertThat(loaded.autoPromotionEnabled(loaded.stage("shop", "test").orElseThrow())).isTrue();
    }

    @Test
    void resourceWithoutNamespaceAmongSeveralProjects() {
        String second = ConfigFixture.PROJECT.replace("shop", "blog");
        String yaml = ConfigFixture.STAGE.replace("  namespace: shop\n", "").replace("name: test", "name: qa");
        assertProblem(base().with("blog.yaml", second).with("broken.yaml", yaml).error(), "broken.yaml",
                lineOf(yaml, "metadata"), "metadata", "metadata.namespace is missing and the configuration holds 2 Projects",
                "add namespace: <project> under metadata");
    }

    @Test
    void resourceWithoutNamespaceBelongsToTheOnlyProject() throws ConfigException {
        String yaml = ConfigFixture.STAGE.replace("  namespace: shop\n", "").replace("name: test", "name: qa");
        assertThat(base().with("qa.yaml", yaml).load().stage("shop", "qa")).isPresent();
    }

    @Test
    void namespaceThatIsNoProject() {
        String yaml = ConfigFixture.STAGE.replace("namespace: shop", "namespace: shopp").replace("name: test", "name: qa");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "namespace"),
                "metadata.namespace", "namespace 'shopp' is not a Project of this configuration", "did you mean 'shop'?");
    }

    @Test
    void yamlSyntaxErrorNamesItsLine() {
        String yaml = "apiVersion: kargo.akuity.io/v1alpha1\nkind: Stage\nmetadata:\n  name: [x\n";
        ConfigProblem problem = base().with("broken.yaml", yaml).error();
        assertThat(problem.location().file()).endsWith("broken.yaml");
        assertThat(problem.location().line()).isBetween(4, 5);
        assertThat(problem.message()).startsWith("not valid YAML: ");
        assertThat(problem.fix()).contains("correct the YAML syntax");
    }

    @Test
    void duplicateKey() {
        String yaml = warehouse("constraint: ^1.0.0\nconstraint: ^2.0.0");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "^2.0.0"),
                "spec.subscriptions[0].image.constraint", "key 'constraint' appears twice", "remove one of them");
    }

    @Test
    void pathsOfLegacyMechanismsStayInTheRepository() {
        String yaml = stage("qa", """
                requestedFreight:
                  - origin: {kind: Warehouse, name: images}
                    sources: {direct: true}
                promotionMechanisms:
                  gitRepoUpdates:
                    - repoURL: https://git.example.com/gitops.git
                      writeBranch: main
                      kustomize:
                        images:
                          - image: registry.example.com/shop/web
                            path: ../../etc
                """);
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "../../etc"),
                "spec.promotionMechanisms.gitRepoUpdates[0].kustomize.images[0].path", "path '../../etc' leaves the repository",
                "relative to the repository root");
    }

    @Test
    void legacyImageUpdateMustNameASubscribedImage() {
        String yaml = stage("qa", """
                requestedFreight:
                  - origin: {kind: Warehouse, name: images}
                    sources: {direct: true}
                promotionMechanisms:
                  gitRepoUpdates:
                    - repoURL: https://git.example.com/gitops.git
                      writeBranch: main
                      kustomize:
                        images:
                          - repoURL: registry.example.com/shop/wbe
                            path: overlays/qa
                """);
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "- repoURL: registry"),
                "spec.promotionMechanisms.gitRepoUpdates[0].kustomize.images[0]",
                "image 'registry.example.com/shop/wbe' is not subscribed to", "did you mean 'registry.example.com/shop/web'?");
    }

    @Test
    void promotionTemplateStepsAreRead() throws ConfigException {
        String yaml = stage("qa", """
                requestedFreight:
                  - origin: {kind: Warehouse, name: images}
                    sources: {direct: true}
                    maturity: [beta, stable]
                promotionTemplate:
                  spec:
                    vars:
                      - {name: gitRepo, value: "https://git.example.com/gitops.git"}
                    steps:
                      - uses: git-clone
                        config:
                          repoURL: ${{ vars.gitRepo }}
                      - uses: argocd-update
                        as: sync
                        if: ${{ success() }}
                        continueOnError: true
                        retry: {timeout: 10m, errorThreshold: 3}
                        config:
                          apps: [{name: web-qa}]
                """);
        Stage qa = base().with("qa.yaml", yaml).load().stage("shop", "qa").orElseThrow();
        assertThat(qa.requestedFreight().get(0).maturity()).containsExactlyInAnyOrder(Maturity.BETA, Maturity.STABLE);
        PromotionTemplate template = qa.promotionTemplate().orElseThrow();
        assertThat(template.vars()).containsExactly(new ExpressionVariable("gitRepo", "https://git.example.com/gitops.git"));
        assertThat(template.steps()).extracting(PromotionStep::uses).containsExactly("git-clone", "argocd-update");
        PromotionStep sync = template.steps().get(1);
        assertThat(sync.as()).isEqualTo("sync");
        assertThat(sync.ifExpression()).isEqualTo("${{ success() }}");
        assertThat(sync.continueOnError()).isTrue();
        assertThat(sync.retry()).contains(new PromotionStep.Retry(java.util.Optional.of(java.time.Duration.ofMinutes(10)), 3));
        assertThat(sync.config().at("/apps/0/name").asText()).isEqualTo("web-qa");
        assertThat(template.steps().get(0).config().get("repoURL").asText()).isEqualTo("${{ vars.gitRepo }}");
    }

    @Test
    void unknownMaturity() {
        String yaml = stage("qa", "requestedFreight:\n  - origin: {kind: Warehouse, name: images}\n"
                + "    sources: {direct: true}\n    maturity: [beta, stabel]");
        assertProblem(base().with("broken.yaml", yaml).error(), "broken.yaml", lineOf(yaml, "maturity"),
                "spec.requestedFreight[0].maturity[1]", "'stabel' is not a maturity", "did you mean 'stable'?");
    }

    @Test
    void everyProblemOfALoadIsReportedTogether() {
        String yaml = warehouse("discoveryLimit: 500\nplatform: x\nsemverConstrant: ^1");
        List<ConfigProblem> errors = base().with("broken.yaml", yaml)
                .with("other.yaml", "apiVersion: v1\nkind: Warehous\nmetadata: {name: s}\n").errors();
        assertThat(errors).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "unknown field 'semverConstrant'", "'discoveryLimit' is 500, outside 1..100", "'x' is not a platform",
                "unknown kind 'Warehous'");
    }

    @Test
    void invalidWebhookIsReportedWithoutShowingIt() {
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: dashboard, namespace: kargo}
                data:
                  config.yaml: |
                    notifications:
                      slack:
                        enabled: true
                        webhook: hooks.slack.com/services/T000/B000/SECRETTOKEN
                """;
        ConfigProblem problem = base().with("dashboard.yaml", configMap).error();
        assertProblem(problem, "dashboard.yaml", lineOf(configMap, "webhook"),
                "data.\"config.yaml\".notifications.slack.webhook", "webhook is not an http(s) URL",
                "starting with https://");
        assertThat(problem.toString()).doesNotContain("SECRETTOKEN");
    }

    @Test
    void seedsBetaOrStableRangeWarnsThatItAdmitsAlphaAndNamesTheMaturityFix() throws ConfigException {
        String uat = stage("uat", """
                requestedFreight:
                  - origin: {kind: Warehouse, name: images}
                    sources:
                      stages: [test]
                    semverConstraint: ">=1.0.0-beta || >=1.0.0"
                """);
        KargoConfig config = base().with("uat.yaml", uat).load();
        assertThat(config.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location().line()).isEqualTo(lineOf(uat, "semverConstraint"));
            assertThat(w.location().field()).isEqualTo("spec.requestedFreight[0].semverConstraint");
            assertThat(w.message()).contains("also admits alpha pre-releases such as 1.1.0-alpha.1");
            assertThat(w.fix()).contains("maturity: [beta, stable]");
        });
        FreightRequest request = config.stage("shop", "uat").orElseThrow().requestedFreight().get(0);
        assertThat(request.semverConstraint()).isEqualTo(">=1.0.0-beta || >=1.0.0");

        String withMaturity = uat.replace("semverConstraint:", "maturity: [beta, stable]\n      semverConstraint:");
        assertThat(base().with("uat.yaml", withMaturity).load().warnings()).isEmpty();
    }

    @Test
    void seedsStableOnlyRangeNeedsNoWarning() throws ConfigException {
        String production = stage("production", """
                requestedFreight:
                  - origin: {kind: Warehouse, name: images}
                    sources:
                      stages: [test]
                    semverConstraint: ">=1.0.0"
                    excludePreReleases: true
                """);
        KargoConfig config = base().with("production.yaml", production).load();
        assertThat(config.warnings()).isEmpty();
        assertThat(config.stage("shop", "production").orElseThrow().requestedFreight().get(0).excludePreReleases()).isTrue();
    }
}
