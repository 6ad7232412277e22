package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.StageStatus;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kargo serve}: the delivery loop discovers an image pushed to the real local registry, makes Freight of it
 * and auto-promotes it into dev (git steps against a local bare repository), and stops cleanly when its thread is
 * interrupted (what the shutdown hook does on SIGINT or SIGTERM).
 */
class ServeCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void discoversAutoPromotesIntoDevAndStopsCleanly() throws Exception {
        String repository = TestServices.registry() + "/serve-" + UUID.randomUUID().toString().substring(0, 8) + "/app";
        String digest = OciImagePusher.anonymous(TestServices.registry()).image(repository.substring(repository.indexOf('/') + 1))
                .tag("v1.4.0").created(Instant.parse("2024-11-14T15:30:45Z")).push().digest();
        BareGitRepository gitops = BareGitRepository.create(temp, "gitops");
        gitops.commit("dev overlay", Instant.parse("2024-11-01T00:00:00Z"),
                Map.of("overlays/dev/kustomization.yaml", "resources:\n  - ../../base\n"));
        Path config = Files.createDirectories(temp.resolve("kargo")).resolve("shop.yaml");
        Files.writeString(config, ShopProject.header(repository, ShopProject.AUTO_PROMOTE_DEV)
                + GitopsStage.yaml("dev", "direct: true", repository, gitops.fileUrl(), "", ""));
        Path state = temp.resolve("state");
        KargoRun apply = KargoRun.of(state, "apply", "-f", config.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();

        ConsoleWatch err = new ConsoleWatch();
        FutureTask<KargoRun> serve = new FutureTask<>(() -> KargoRun.of(state, err, "serve", "--tick", "200ms", "--port", "0"));
        Thread serving = new Thread(serve, "kargo-serve-under-test");
        serving.start();
        err.await("into dev: Succeeded", WAIT);
        serving.interrupt();
        KargoRun served = serve.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(served.exitCode()).as(served.err()).isZero();
        assertThat(served.err()).contains("kargo serve: delivery loop over " + state + " (projects: shop), looking for"
                + " work every 0.2s").containsPattern("kargo serve: the Freight view at http://127\\.0\\.0\\.1:\\d+/")
                .containsPattern("write token for \\S+: [A-Za-z0-9_-]{43} ").endsWith("stopped" + System.lineSeparator());
        try (KargoStore store = KargoStore.open(state)) {
            Freight freight = store.freight().list("shop").stream().filter(f -> f.images().get(0).digest().equals(digest))
                    .findFirst().orElseThrow();
            assertThat(freight.images().get(0).tag()).isEqualTo("v1.4.0");
            StageStatus dev = store.stages().status("shop", "dev");
            assertThat(dev.current().orElseThrow().items()).containsValue(freight.name());
            assertThat(dev.health()).isEqualTo(StageStatus.HEALTHY);
            assertThat(store.promotions().list("shop", "dev")).singleElement().satisfies(p -> {
                assertThat(p.phase()).isEqualTo(PromotionPhase.Succeeded);
                assertThat(p.actor()).isEqualTo("kargo-controller");
            });
        }
    }

    @Test
    void refusesATickThatIsNoDuration() {
        KargoRun run = KargoRun.of(temp.resolve("state"), "serve", "--tick", "soon");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'soon' is not a duration; write it as Go does, e.g. 10s, 1m or 1h30m");
        assertThat(KargoRun.of(temp.resolve("state"), "serve", "--tick", "0s").err()).contains("longer than 0");
    }

    @Test
    void refusesATokensFileWithAShortTokenOrAPortItCannotHave() throws Exception {
        Path tokens = Files.writeString(temp.resolve("tokens.yaml"), "alice: short\n");
        KargoRun shortToken = KargoRun.of(temp.resolve("state"), "serve", "--port", "0", "--tokens", tokens.toString());
        assertThat(shortToken.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(shortToken.err()).contains(tokens + ": the token of alice must be text of at least 16 characters")
                .doesNotContain("short");

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            KargoRun busy = KargoRun.of(temp.resolve("state"), "serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(busy.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(busy.err()).contains("kargo serve: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
