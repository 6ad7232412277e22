package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.JGitPrompts;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.testkit.SelfSignedTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code insecureSkipTLSVerify} against a git server over HTTPS whose self-signed certificate names another host. */
class InsecureTlsPromotionTest {

    @TempDir
    Path tmp;
    BareRepository remote;
    HttpGitServer server;

    @BeforeEach
    void setUp() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        remote = BareRepository.create(served.resolve("gitops.git"), Map.of("app.yaml", "tag: v1\n"));
        server = HttpGitServer.serve(served, JGitPrompts.TOKEN_USER, "t0ken",
                SelfSignedTls.serverContext(Files.createDirectories(tmp.resolve("tls")), "git.invalid"));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private StepResult clone(StepContext context, boolean insecure) throws Exception {
        return new Promotions(tmp.resolve("cache")).clone.run(context, config("""
                repoURL: %s
                insecureSkipTLSVerify: %s
                checkout: [{branch: main, path: ./out}]
                """.formatted(server.url("gitops.git"), insecure)));
    }

    @Test
    void unverifiableCertificateIsRefusedByDefault() throws Exception {
        StepResult refused = clone(context(tmp.resolve("work"), "p1", (url, kind) -> Optional.of(new Credentials.Token("t0ken"))), false);

        assertThat(refused.status()).isEqualTo(StepStatus.Errored);
        assertThat(refused.message()).isEqualTo("git-clone: could not clone " + server.url("gitops.git")
                + ": unable to find valid certification path to requested target; the server's TLS certificate could not"
                + " be verified: trust its CA in the JVM, or set insecureSkipTLSVerify: true");
    }

    @Test
    void insecureSkipTlsVerifyClonesAndTheWorkingTreeRemembersItForThePush() throws Exception {
        StepContext context = context(tmp.resolve("work"), "p1", (url, kind) -> Optional.of(new Credentials.Token("t0ken")));

        StepResult cloned = clone(context, true);
        Files.writeString(context.workDir().resolve("out/app.yaml"), "tag: v2\n");
        new GitCommitStep().run(context, config("{path: ./out, message: promote over https}"));
        StepResult pushed = new GitPushStep().run(context, config("{path: ./out}"));

        assertThat(cloned.status()).as(cloned.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("main")).containsExactly("promote over https", "initial");
        assertThat(Files.readString(tmp.resolve("cache").resolve(new RepositoryCache(tmp.resolve("cache"))
                .directoryOf(server.url("gitops.git")).getFileName()).resolve("config")))
                .as("the shared clone does not keep the choice of one promotion").doesNotContain("sslVerify");
    }
}
