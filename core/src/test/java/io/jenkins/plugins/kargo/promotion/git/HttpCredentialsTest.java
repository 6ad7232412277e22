package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.credentials.JGitPrompts;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.testkit.CredentialsTrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials over smart HTTP: a real {@code git http-backend} behind HTTP Basic authentication. */
class HttpCredentialsTest {

    private static final String PASSWORD = "s3cr3t-t0ken";

    @TempDir
    Path tmp;
    BareRepository remote;
    HttpGitServer server;

    @BeforeEach
    void setUp() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        remote = BareRepository.create(served.resolve("gitops.git"), Map.of("app.yaml", "tag: v1\n"));
        server = HttpGitServer.serve(served, JGitPrompts.TOKEN_USER, PASSWORD);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private StepResult promote(StepContext context) throws Exception {
        StepResult cloned = new Promotions(tmp.resolve("cache")).clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: main, path: ./out}]
                """.formatted(server.url("gitops.git"))));
        if (cloned.status() != StepStatus.Succeeded) {
            return cloned;
        }
        Files.writeString(context.workDir().resolve("out/app.yaml"), "tag: v2\n");
        new GitCommitStep().run(context, config("{path: ./out, message: promote over http}"));
        return new GitPushStep().run(context, config("{path: ./out}"));
    }

    @Test
    void tokenIsSentAsThePasswordAndNeverWrittenDown() throws Exception {
        String[] askedFor = new String[2];
        CredentialsProvider credentials = (url, kind) -> {
            askedFor[0] = url;
            askedFor[1] = kind.name();
            return Optional.of(new Credentials.Token(PASSWORD));
        };
        StepContext context = context(tmp.resolve("work"), "p1", credentials);

        StepResult pushed = promote(context);

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(askedFor).containsExactly(server.url("gitops.git"), CredentialKind.git.name());
        assertThat(remote.subjects("main")).containsExactly("promote over http", "initial");
        try (Stream<Path> work = Files.walk(tmp.resolve("work")); Stream<Path> cache = Files.walk(tmp.resolve("cache"))) {
            assertThat(Stream.concat(work, cache).filter(Files::isRegularFile).filter(f -> contains(f, PASSWORD)))
                    .as("the token is never written to disk").isEmpty();
        }
    }

    @Test
    void usernameAndPasswordWork() throws Exception {
        StepContext context = context(tmp.resolve("work"), "p1",
                (url, kind) -> Optional.of(new Credentials.UsernamePassword(JGitPrompts.TOKEN_USER, PASSWORD)));

        assertThat(promote(context).status()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("main")).containsExactly("promote over http", "initial");
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedWithoutShowingThem() throws Exception {
        StepResult wrong = promote(context(tmp.resolve("work"), "p1",
                (url, kind) -> Optional.of(new Credentials.UsernamePassword("robot", "not-the-password"))));
        StepResult none = promote(context(tmp.resolve("work"), "p2"));

        assertThat(wrong.status()).isEqualTo(StepStatus.Errored);
        assertThat(wrong.message()).isEqualTo("git-clone: could not clone " + server.url("gitops.git") + ": not authorized");
        assertThat(none.status()).isEqualTo(StepStatus.Errored);
        assertThat(none.message()).isEqualTo("git-clone: could not clone " + server.url("gitops.git") + ": not authorized"
                + "; no git credentials match this URL: add a credential Secret labelled kargo.akuity.io/cred-type: git for it");
        assertThat(remote.subjects("main")).containsExactly("initial");
    }

    @Test
    void credentialsNeverGoOverPlainHttpToAHostOffLoopback() throws Exception {
        CredentialsProvider token = (url, kind) -> Optional.of(new Credentials.Token(PASSWORD));
        try (CredentialsTrap trap = CredentialsTrap.start()) {
            String url = trap.url("/gitops.git");
            StepResult cloned = new Promotions(tmp.resolve("cache")).clone.run(context(tmp.resolve("work"), "p1", token),
                    config("{repoURL: '%s', checkout: [{branch: main, path: ./out}]}".formatted(url)));

            assertThat(cloned.status()).isEqualTo(StepStatus.Errored);
            assertThat(cloned.message()).isEqualTo("git-clone: repository " + url + ": refusing to send credentials "
                    + "over plain HTTP to " + trap.host() + ", which is not on loopback; use https://");

            // a working tree whose origin is that server (cloned from loopback, then pointed elsewhere)
            StepContext context = context(tmp.resolve("work"), "p2", token);
            assertThat(promote(context).status()).isEqualTo(StepStatus.Succeeded);
            Files.writeString(context.workDir().resolve("out/app.yaml"), "tag: v3\n");
            new GitCommitStep().run(context, config("{path: ./out, message: again}"));
            try (Git git = Git.open(context.workDir().resolve("out").toFile())) {
                StoredConfig gitConfig = git.getRepository().getConfig();
                gitConfig.setString("remote", "origin", "url", url);
                gitConfig.save();
            }
            StepResult pushed = new GitPushStep().run(context, config("{path: ./out}"));

            assertThat(pushed.status()).isEqualTo(StepStatus.Errored);
            assertThat(pushed.message()).isEqualTo("git-push: repository " + url + ": refusing to send credentials "
                    + "over plain HTTP to " + trap.host() + ", which is not on loopback; use https://");
            assertThat(trap.received()).as("nothing was sent to the server").isEmpty();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
