package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.ConfigSource;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.SecretStore;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.Promotion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credential Secrets applied with a project directory: kept in the credentials store (owner-only files), never in
 * the configuration store, and used by the project's promotions only, before the shared ones.
 */
class ProjectSecretsTest {

    private static final String CANARY = "canary-password-4711";

    @TempDir
    Path temp;

    /** Records the git credentials each promotion's step is given for the repository. */
    static final class CredentialsSeen implements PromotionStepRunner {
        final Map<String, Optional<Credentials>> byProject = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "see-credentials";
        }

        @Override
        public StepResult run(StepContext context, JsonNode config) {
            byProject.put(context.project(), context.credentials().find(config.path("repoURL").asText(),
                    CredentialKind.git));
            return StepResult.succeeded(Map.of(), "looked");
        }
    }

    private static String project(String name, String secrets) {
        return """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata: {name: %1$s}
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata: {name: images, namespace: %1$s}
                spec:
                  subscriptions: [{image: {repoURL: registry.local/app}}]
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata: {name: dev, namespace: %1$s}
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      sources: {direct: true}
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: see-credentials
                          config: {repoURL: https://git.example.com/org/gitops.git}
                """.formatted(name) + secrets;
    }

    private static final String SHOP_SECRETS = """
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: gitops
              namespace: shop
              labels: {kargo.akuity.io/cred-type: git}
            stringData:
              repoURL: https://git.example.com/org/gitops.git
              username: shop-bot
              password: %s
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: all-of-example
              namespace: kargo-shared-resources
              labels: {kargo.akuity.io/cred-type: git}
            stringData:
              repoURL: ^https://git\\.example\\.com/
              repoURLIsRegex: "true"
              username: shared-bot
              password: shared-password
            """.formatted(CANARY);

    @Test
    void secretsGoToTheCredentialsStoreAndServeTheirProjectFirst() throws Exception {
        CredentialsSeen seen = new CredentialsSeen();
        Path state = temp.resolve("state");
        try (KargoEngine engine = Lifecycle.engine(state, new Lifecycle.TestClock(), seen)) {
            Files.createDirectories(temp.resolve("shop"));
            Files.writeString(temp.resolve("shop/project.yaml"), project("shop", SHOP_SECRETS));
            Files.createDirectories(temp.resolve("other"));
            Files.writeString(temp.resolve("other/project.yaml"), project("other", ""));
            engine.apply(temp.resolve("shop"));
            engine.apply(temp.resolve("other"));

            for (String project : new String[] {"shop", "other"}) {
                Lifecycle.freightIn(engine, project, "1.0.0", "one");
                Promotion promotion = engine.promote(project, "dev", "one", "alice");
                engine.runPromotions(project, "dev");
                assertThat(engine.store().promotions().get(project, promotion.name()).orElseThrow().phase())
                        .isEqualTo(PromotionPhase.Succeeded);
            }

            assertThat(seen.byProject.get("shop")).contains(new Credentials.UsernamePassword("shop-bot", CANARY));
            // another project never sees shop's Secret, only the shared one
            assertThat(seen.byProject.get("other"))
                    .contains(new Credentials.UsernamePassword("shared-bot", "shared-password"));

            String stored = engine.store().configurations().get("shop").orElseThrow().documents().stream()
                    .map(ConfigSource::text).reduce("", String::concat);
            assertThat(stored).doesNotContain(CANARY, "shared-password").contains("kind: Stage");
        }
        Path secrets = state.resolve(SecretStore.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(secrets.resolve("shop.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(secrets)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        try (Stream<Path> files = Files.walk(state)) {
            // the secret is nowhere in the state but in the credentials store
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(secrets)).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(CANARY);
            }
        }
    }

    @Test
    void applyingTheProjectAgainReplacesItsSecrets() throws Exception {
        Path state = temp.resolve("state");
        try (KargoEngine engine = Lifecycle.engine(state, new Lifecycle.TestClock(), new CredentialsSeen())) {
            Files.writeString(temp.resolve("shop.yaml"), project("shop", SHOP_SECRETS));
            engine.apply(temp.resolve("shop.yaml"));
            Files.writeString(temp.resolve("shop.yaml"), project("shop", ""));
            engine.apply(temp.resolve("shop.yaml"));
        }
        SecretStore store = new SecretStore(state.resolve(SecretStore.DIRECTORY));
        assertThat(store.secrets("shop")).isEmpty();
        // shared Secrets are added to, not replaced, by a project's apply
        assertThat(store.secrets("")).extracting(s -> s.name()).containsExactly("all-of-example");
    }

    @Test
    void applyRefusesStepsThisProductLacksNamingTheFileAndLine() throws Exception {
        String yaml = project("shop", "").replace("""
                        - uses: see-credentials
                          config: {repoURL: https://git.example.com/org/gitops.git}
                """, """
                        - uses: see-credentials
                        - uses: helm-template
                        - uses: see-credentails
                        - uses: send-message
                """);
        Files.writeString(temp.resolve("shop.yaml"), yaml);
        try (KargoEngine engine = Lifecycle.engine(temp.resolve("state"), new Lifecycle.TestClock(),
                new CredentialsSeen())) {
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> engine.apply(temp.resolve("shop.yaml")));
            assertThat(e.errors()).extracting(p -> p.location().line() + " " + p.message()).containsExactly(
                    (Lifecycle.lineOf(yaml, "helm-template")) + " Kargo's step 'helm-template' cannot run here: it runs"
                            + " Helm's template engine, and no helm binary can be installed on the machines this"
                            + " product is built for; render the chart where helm runs (e.g. a CI build) and commit"
                            + " the manifests, or use kustomize-build",
                    Lifecycle.lineOf(yaml, "see-credentails") + " unknown step 'see-credentails'",
                    Lifecycle.lineOf(yaml, "send-message") + " 'send-message' is a Kargo Enterprise step, not"
                            + " available here");
            assertThat(e.errors().get(1).fix()).isEqualTo("did you mean 'see-credentials'?");
            assertThat(e.errors()).extracting(ConfigProblem::location).allSatisfy(l ->
                    assertThat(l.field()).endsWith(".uses"));
            assertThat(engine.store().configurations().get("shop")).isEmpty();
        }
    }

    @Test
    void theSameSetIsReadBackByAnotherStore() {
        SecretStore writer = new SecretStore(temp.resolve("secrets"));
        assertThat(writer.secrets("shop")).isEmpty();
        writer.replace("shop", java.util.List.of(new io.jenkins.plugins.kargo.api.Secret("shop", "b", Map.of(),
                Map.of("token", new io.jenkins.plugins.kargo.api.SecretValue("t")), io.jenkins.plugins.kargo.api
                .SourceLocation.UNKNOWN), new io.jenkins.plugins.kargo.api.Secret("shop", "a",
                Map.of("kargo.akuity.io/cred-type", "generic"), Map.of(), io.jenkins.plugins.kargo.api.SourceLocation.UNKNOWN)));
        SecretStore reader = new SecretStore(temp.resolve("secrets"));
        assertThat(reader.secrets("shop")).extracting(s -> s.name()).containsExactly("a", "b");
        assertThat(reader.secret("shop", "b").orElseThrow().value("token").orElseThrow().reveal()).isEqualTo("t");
        assertThat(reader.secret("shop", "a").orElseThrow().credentialType()).contains("generic");
        assertThat(Set.of(temp.resolve("secrets").toFile().list())).containsExactly("shop.json");
    }
}
