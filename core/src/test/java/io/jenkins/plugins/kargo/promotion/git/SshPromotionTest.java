package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotions over {@code ssh://} with a private key from the credentials, against a real SSH server. */
class SshPromotionTest {

    @TempDir
    Path tmp;
    BareRepository remote;
    SshGitServer server;
    String authorizedKey;
    String otherKey;

    @BeforeEach
    void setUp() throws Exception {
        remote = BareRepository.create(tmp.resolve("gitops.git"), Map.of("app.yaml", "tag: v1\n"));
        authorizedKey = generateKey("authorized");
        otherKey = generateKey("other");
        server = SshGitServer.serve(tmp.resolve("authorized.pub"), tmp.resolve("host.ser"));
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private String generateKey(String name) throws Exception {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", name, "-f", tmp.resolve(name).toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).as(new String(keygen.getInputStream().readAllBytes())).isZero();
        return Files.readString(tmp.resolve(name));
    }

    private StepResult promote(StepContext context) throws Exception {
        StepResult cloned = new Promotions(tmp.resolve("cache")).clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: main, path: ./out}]
                """.formatted(server.url(remote.directory()))));
        if (cloned.status() != StepStatus.Succeeded) {
            return cloned;
        }
        Files.writeString(context.workDir().resolve("out/app.yaml"), "tag: v2\n");
        new GitCommitStep().run(context, config("{path: ./out, message: promote over ssh}"));
        return new GitPushStep().run(context, config("{path: ./out}"));
    }

    @Test
    void clonesAndPushesWithThePrivateKeyFromTheCredentials() throws Exception {
        StepContext context = context(tmp.resolve("work"), "p1", (url, kind) -> Optional.of(new Credentials.SshKey(authorizedKey)));

        StepResult pushed = promote(context);

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("main")).containsExactly("promote over ssh", "initial");
        assertThat(remote.show("main", "app.yaml")).isEqualTo("tag: v2\n");
        try (Stream<Path> files = Files.walk(tmp.resolve("work")); Stream<Path> cached = Files.walk(tmp.resolve("cache"))) {
            assertThat(Stream.concat(files, cached).filter(Files::isRegularFile).filter(f -> read(f).contains("PRIVATE KEY")))
                    .as("the key is never written to disk").isEmpty();
        }
    }

    @Test
    void keyTheServerDoesNotKnowIsRefusedWithoutShowingIt() throws Exception {
        StepContext context = context(tmp.resolve("work"), "p1", (url, kind) -> Optional.of(new Credentials.SshKey(otherKey)));

        StepResult refused = promote(context);

        assertThat(refused.status()).isEqualTo(StepStatus.Errored);
        assertThat(refused.message()).startsWith("git-clone: could not clone " + server.url(remote.directory()))
                .doesNotContain(otherKey.lines().skip(1).findFirst().orElseThrow());
        assertThat(remote.subjects("main")).containsExactly("initial");
    }

    @Test
    void malformedKeyIsNamedAsSuch() throws Exception {
        StepContext context = context(tmp.resolve("work"), "p1", (url, kind) -> Optional.of(new Credentials.SshKey("not a key")));

        StepResult refused = promote(context);

        assertThat(refused.status()).isEqualTo(StepStatus.Errored);
        assertThat(refused.message()).contains("sshPrivateKey is not an unencrypted private key");
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
