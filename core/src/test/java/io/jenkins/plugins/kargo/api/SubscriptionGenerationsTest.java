package io.jenkins.plugins.kargo.api;

import static io.jenkins.plugins.kargo.api.ConfigFixture.assertProblem;
import static io.jenkins.plugins.kargo.api.ConfigFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.tags.TagFilter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's (older) field names and current Kargo's map onto the same Subscription records. */
class SubscriptionGenerationsTest {

    @TempDir
    Path dir;

    private static String warehouse(String subscriptions) {
        return ConfigFixture.PROJECT + """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata: {name: images, namespace: shop}
                spec:
                  subscriptions:
                """ + subscriptions.indent(4);
    }

    private KargoConfig load(String yaml) throws ConfigException {
        return new ConfigFixture(dir).with("warehouse.yaml", yaml).load();
    }

    private List<Subscription> subscriptions(String yaml) throws ConfigException {
        return load(yaml).warehouse("shop", "images").orElseThrow().subscriptions();
    }

    private static void assertSameIgnoringLocation(Subscription a, Subscription b) {
        assertThat(a).usingRecursiveComparison().ignoringFields("location").isEqualTo(b);
    }

    @Test
    void seedAndCurrentImageFieldsGiveEqualSubscriptions() throws ConfigException {
        String seed = warehouse("""
                - image:
                    repoURL: harbor.example.com/services/user-service
                    semverConstraint: ">=1.0.0-alpha"
                    discoveryLimit: 10
                    platform: linux/amd64
                    allowTags:
                      - pattern: "^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+-beta\\\\.[0-9]+$"
                      - pattern: "^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+$"
                """);
        String current = warehouse("""
                - image:
                    repoURL: harbor.example.com/services/user-service
                    imageSelectionStrategy: SemVer
                    constraint: ">=1.0.0-alpha"
                    strictSemvers: true
                    discoveryLimit: 10
                    platform: linux/amd64
                    allowTagsRegexes:
                      - "^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+-beta\\\\.[0-9]+$"
                      - "^v[0-9]+\\\\.[0-9]+\\\\.[0-9]+$"
                """);
        Subscription fromSeed = subscriptions(seed).get(0);
        KargoConfig currentConfig = load(current);
        assertThat(currentConfig.warnings()).isEmpty();
        Subscription fromCurrent = currentConfig.warehouse("shop", "images").orElseThrow().subscriptions().get(0);
        assertSameIgnoringLocation(fromSeed, fromCurrent);
        assertThat(((ImageSubscription) fromCurrent).allowTagsRegexes())
                .containsExactly("^v[0-9]+\\.[0-9]+\\.[0-9]+-beta\\.[0-9]+$", "^v[0-9]+\\.[0-9]+\\.[0-9]+$");
    }

    @Test
    void kargoOldStringFormsMapToRegexes() throws ConfigException {
        String old = warehouse("""
                - image:
                    repoURL: registry.example.com/shop/web
                    allowTags: "^v1\\\\."
                    ignoreTags: ["v1.0.0", "v1.2.3+build"]
                """);
        KargoConfig config = load(old);
        ImageSubscription image = (ImageSubscription) config.warehouse("shop", "images").orElseThrow().subscriptions().get(0);
        assertThat(image.allowTagsRegexes()).containsExactly("^v1\\.");
        // ignoreTags were exact tags: the regexes must match them literally, and nothing else
        TagFilter filter = TagFilter.of(image.allowTagsRegexes(), image.ignoreTagsRegexes());
        assertThat(filter.allows("v1.0.0")).isFalse();
        assertThat(filter.allows("v1.2.3+build")).isFalse();
        assertThat(filter.allows("v1.0.01")).isTrue();
        assertThat(filter.allows("v1.2.3xbuild")).isTrue();
        assertThat(config.warnings()).extracting(ConfigProblem::fix)
                .anySatisfy(f -> assertThat(f).contains("allowTagsRegexes"))
                .anySatisfy(f -> assertThat(f).contains("ignoreTagsRegexes"));
    }

    @Test
    void defaultsAreKargos() throws ConfigException {
        ImageSubscription image = (ImageSubscription) subscriptions(warehouse(
                "- image: {repoURL: registry.example.com/shop/web}")).get(0);
        assertThat(image.strategy()).isEqualTo(ImageSelectionStrategy.SemVer);
        assertThat(image.strictSemvers()).isTrue();
        assertThat(image.discoveryLimit()).isEqualTo(20);
        assertThat(image.constraint()).isEmpty();
        assertThat(image.platform()).isEmpty();
        assertThat(image.cacheByTag()).isFalse();
        assertThat(image.insecureSkipTLSVerify()).isFalse();
        assertThat(image.name()).isEmpty();
    }

    @Test
    void subscriptionNameIsASiblingOfTheTypeKey() throws ConfigException {
        ImageSubscription image = (ImageSubscription) subscriptions(warehouse("""
                - name: frontend
                  image:
                    repoURL: registry.example.com/shop/web
                    imageSelectionStrategy: Digest
                    constraint: latest
                    cacheByTag: true
                    insecureSkipTLSVerify: true
                """)).get(0);
        assertThat(image.name()).isEqualTo("frontend");
        assertThat(image.strategy()).isEqualTo(ImageSelectionStrategy.Digest);
        assertThat(image.constraint()).isEqualTo("latest");
        assertThat(image.cacheByTag()).isTrue();
        assertThat(image.insecureSkipTLSVerify()).isTrue();
    }

    @Test
    void bothConstraintSpellingsAtOnceIsAnError() {
        String yaml = warehouse("""
                - image:
                    repoURL: registry.example.com/shop/web
                    constraint: ^1.0.0
                    semverConstraint: ^2.0.0
                """);
        assertProblem(new ConfigFixture(dir).with("warehouse.yaml", yaml).error(), "warehouse.yaml",
                lineOf(yaml, "semverConstraint"), "spec.subscriptions[0].image.semverConstraint",
                "both 'constraint' and the deprecated 'semverConstraint' are set", "keep only constraint");
    }

    @Test
    void seedChartOnAnNpmRegistryEqualsTheNpmForm() throws ConfigException {
        String seed = warehouse("""
                - chart:
                    repoURL: https://verdaccio.example.com
                    name: "@yourorg/utils"
                    semverConstraint: ">=1.0.0-alpha"
                """);
        String npm = warehouse("""
                - npm:
                    repoURL: https://verdaccio.example.com
                    package: "@yourorg/utils"
                    constraint: ">=1.0.0-alpha"
                """);
        KargoConfig seedConfig = load(seed);
        NpmSubscription fromSeed = (NpmSubscription) seedConfig.warehouse("shop", "images").orElseThrow().subscriptions().get(0);
        KargoConfig npmConfig = load(npm);
        NpmSubscription fromNpm = (NpmSubscription) npmConfig.warehouse("shop", "images").orElseThrow().subscriptions().get(0);
        assertThat(npmConfig.warnings()).isEmpty();
        assertThat(fromSeed.declaredAsChart()).isTrue();
        assertThat(fromNpm.declaredAsChart()).isFalse();
        assertThat(fromSeed).usingRecursiveComparison().ignoringFields("location", "declaredAsChart").isEqualTo(fromNpm);
        assertThat(seedConfig.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location().line()).isEqualTo(lineOf(seed, "- chart:"));
            assertThat(w.message()).contains("read as an npm package");
            assertThat(w.fix()).contains("npm: {repoURL: https://verdaccio.example.com, package: \"@yourorg/utils\"");
        });
    }

    @Test
    void npmAcceptsSemverConstraintToo() throws ConfigException {
        NpmSubscription npm = (NpmSubscription) subscriptions(warehouse("""
                - npm:
                    repoURL: http://127.0.0.1:4873
                    package: left-pad
                    semverConstraint: ^1.0.0
                    discoveryLimit: 5
                    insecureSkipTLSVerify: true
                """)).get(0);
        assertThat(npm).usingRecursiveComparison().ignoringFields("location").isEqualTo(
                new NpmSubscription("http://127.0.0.1:4873", "left-pad", "^1.0.0", 5, true, false, "", null));
    }

    @Test
    void invalidNpmPackageName() {
        String yaml = warehouse("- npm: {repoURL: https://registry.npmjs.org, package: \"@YourOrg/Utils\"}");
        assertProblem(new ConfigFixture(dir).with("warehouse.yaml", yaml).error(), "warehouse.yaml",
                lineOf(yaml, "- npm"), "spec.subscriptions[0].npm.package", "'@YourOrg/Utils' is not a valid npm package name",
                "use lower case letters");
    }

    @Test
    void helmChartsClassicAndOci() throws ConfigException {
        List<Subscription> charts = subscriptions(warehouse("""
                - chart: {repoURL: https://charts.example.com, name: web, semverConstraint: ^1.0.0}
                - chart: {repoURL: "oci://registry.example.com/charts/api", discoveryLimit: 3}
                """));
        assertThat(charts.get(0)).isInstanceOfSatisfying(ChartSubscription.class, c -> {
            assertThat(c.chartName()).isEqualTo("web");
            assertThat(c.semverConstraint()).isEqualTo("^1.0.0");
            assertThat(c.isOci()).isFalse();
        });
        assertThat(charts.get(1)).isInstanceOfSatisfying(ChartSubscription.class, c -> {
            assertThat(c.isOci()).isTrue();
            assertThat(c.discoveryLimit()).isEqualTo(3);
        });
    }

    @Test
    void ociChartMustNotBeNamedAndClassicMustBe() {
        String yaml = warehouse("""
                - chart: {repoURL: "oci://registry.example.com/charts/api", name: api}
                - chart: {repoURL: https://charts.example.com}
                """);
        List<ConfigProblem> errors = new ConfigFixture(dir).with("warehouse.yaml", yaml).errors();
        assertThat(errors).hasSize(2);
        assertProblem(errors.get(0), "warehouse.yaml", lineOf(yaml, "oci://"), "spec.subscriptions[0].chart.name",
                "an oci:// repository is one chart", "oci://host/path/api");
        assertProblem(errors.get(1), "warehouse.yaml", lineOf(yaml, "https://charts"), "spec.subscriptions[1].chart",
                "missing required field 'name'", "add name:");
    }

    @Test
    void gitSubscriptionIsRead() throws ConfigException {
        GitSubscription git = (GitSubscription) subscriptions(warehouse("""
                - git:
                    repoURL: https://github.com/example/app.git
                    commitSelectionStrategy: SemVer
                    semverConstraint: ^1.0.0
                    allowTagsRegexes: ["^v"]
                    includePaths: ["src/", "regex:^charts/.*"]
                """)).get(0);
        assertThat(git.commitSelectionStrategy()).isEqualTo(CommitSelectionStrategy.SemVer);
        assertThat(git.semverConstraint()).isEqualTo("^1.0.0");
        assertThat(git.strictSemvers()).isTrue();
        assertThat(git.allowTagsRegexes()).containsExactly("^v");
        assertThat(git.includePaths()).containsExactly("src/", "regex:^charts/.*");
        assertThat(git.discoveryLimit()).isEqualTo(20);
    }

    @Test
    void gitURLsAreKargosFormsPlusGitDaemonsAndSshIsWarnedAbout() throws ConfigException {
        String yaml = warehouse("""
                - git: {repoURL: "file:///srv/git/app.git"}
                - git: {repoURL: "https://github.com/example/app.git", includePaths: ["glob:charts/[a-"]}
                """);
        List<ConfigProblem> errors = new ConfigFixture(dir).with("warehouse.yaml", yaml).errors();
        assertThat(errors).hasSize(2);
        assertProblem(errors.get(0), "warehouse.yaml", lineOf(yaml, "file:"), "spec.subscriptions[0].git.repoURL",
                "is not a git repository URL", "https://host/path/repo.git");
        assertThat(errors.get(1).message()).contains("glob:charts/[a-", "not a valid glob");

        KargoConfig config = load(warehouse("""
                - git: {repoURL: "git://127.0.0.1:9418/app.git", commitSelectionStrategy: NewestTag}
                - git: {repoURL: "git@github.com:example/app.git"}
                """));
        List<Subscription> subscriptions = config.warehouse("shop", "images").orElseThrow().subscriptions();
        assertThat(((GitSubscription) subscriptions.get(0)).commitSelectionStrategy())
                .isEqualTo(CommitSelectionStrategy.NewestTag);
        assertThat(((GitSubscription) subscriptions.get(1)).commitSelectionStrategy())
                .isEqualTo(CommitSelectionStrategy.NewestFromBranch);
        assertThat(config.warnings()).singleElement().satisfies(w -> {
            assertThat(w.message()).contains("SSH repository URLs are deprecated");
            assertThat(w.location().field()).isEqualTo("spec.subscriptions[1].git.repoURL");
        });
    }

    @Test
    void unknownSubscriptionTypeAndTwoTypesInOneEntry() {
        String yaml = warehouse("""
                - imgae: {repoURL: registry.example.com/shop/web}
                - image: {repoURL: registry.example.com/shop/web}
                  chart: {repoURL: https://charts.example.com, name: web}
                """);
        List<ConfigProblem> errors = new ConfigFixture(dir).with("warehouse.yaml", yaml).errors();
        assertThat(errors).hasSize(2);
        assertProblem(errors.get(0), "warehouse.yaml", lineOf(yaml, "imgae"), "spec.subscriptions[0].imgae",
                "unknown subscription type 'imgae'", "did you mean 'image'?");
        assertProblem(errors.get(1), "warehouse.yaml", lineOf(yaml, "- image"), "spec.subscriptions[1]",
                "a subscription needs exactly one of image, chart, git, npm", "give each artifact its own");
    }
}
