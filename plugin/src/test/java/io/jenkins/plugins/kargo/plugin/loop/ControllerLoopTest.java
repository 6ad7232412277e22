package io.jenkins.plugins.kargo.plugin.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.view.FreightFilter;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.GitDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's delivery loop over a real engine and a real git warehouse: it starts with Jenkins and discovers,
 * stops (closing its engine) when Jenkins shuts down, restarts only when what it runs with changed, and starts
 * nothing when it is switched off or Jenkins is not up yet.
 */
class ControllerLoopTest {

    private static final Duration TICK = Duration.ofMillis(100);

    @TempDir
    Path temp;

    private final List<Kargo> opened = new ArrayList<>();
    private ControllerLoop loop;
    private GitDaemon daemon;
    private Path state;
    private String commit;

    @BeforeEach
    void setUp() throws Exception {
        BareGitRepository repo = BareGitRepository.create(temp.resolve("served"), "app");
        commit = repo.commit("first", Instant.parse("2024-11-01T00:00:00Z"), Map.of("app.txt", "1"));
        repo.tag("v1.0.0");
        daemon = GitDaemon.serve(temp.resolve("served"));
        Path config = Files.createDirectories(temp.resolve("kargo")).resolve("project.yaml");
        Files.writeString(config, """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata:
                  name: gitapp
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata:
                  name: source
                  namespace: gitapp
                spec:
                  subscriptions:
                    - git:
                        repoURL: %s
                        commitSelectionStrategy: SemVer
                        semverConstraint: ^1.0.0
                """.formatted(daemon.url("app.git")));
        state = temp.resolve("state");
        try (Kargo kargo = Kargo.builder(state).build()) {
            kargo.commands().apply(ConfigInput.path(config), "alice");
        }
        loop = new ControllerLoop(settings -> {
            Kargo kargo = Kargo.builder(settings.stateDirectory()).build();
            opened.add(kargo);
            return kargo;
        });
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        loop.stop();
        daemon.close();
    }

    private ControllerLoop.Settings on(Path stateDirectory) {
        return new ControllerLoop.Settings(true, stateDirectory, TICK, null);
    }

    @Test
    void startsWithJenkinsDiscoversAndStopsWithIt() throws Exception {
        loop.start(on(state));
        assertThat(loop.running()).isTrue();

        awaitFreight(opened.get(0));
        loop.stop();

        assertThat(loop.running()).isFalse();
        // the engine was closed with the loop: the state directory is free and holds what the loop discovered
        try (Kargo again = Kargo.builder(state).build()) {
            assertThat(again.views().timeline("gitapp", FreightFilter.ALL, 0, 10).freight())
                    .singleElement().satisfies(f -> assertThat(f.artifacts()).singleElement()
                            .satisfies(a -> assertThat(a.version() + " " + a.digest()).contains("v1.0.0", commit)));
        }
    }

    @Test
    void aConfigurationChangeRestartsTheLoopOnlyWhenWhatItRunsWithChanged() {
        loop.reconfigure(on(state));
        assertThat(loop.running()).as("Jenkins is not up yet: the initializer starts it").isFalse();
        assertThat(opened).isEmpty();

        loop.start(on(state));
        loop.reconfigure(on(state));
        assertThat(opened).hasSize(1);

        loop.reconfigure(new ControllerLoop.Settings(true, state, Duration.ofSeconds(1), null));
        assertThat(opened).hasSize(2);
        assertThat(loop.running()).isTrue();

        loop.reconfigure(new ControllerLoop.Settings(false, state, Duration.ofSeconds(1), null));
        assertThat(loop.running()).isFalse();
        assertThat(opened).hasSize(2);
    }

    @Test
    void switchedOffItStartsNothing() {
        loop.start(new ControllerLoop.Settings(false, state, TICK, null));
        assertThat(loop.running()).isFalse();
        assertThat(opened).isEmpty();
    }

    @Test
    void anEngineThatCannotOpenDoesNotStopJenkins() {
        ControllerLoop broken = new ControllerLoop(settings -> {
            throw new IllegalArgumentException("Kubernetes credentials 'k8s' not found");
        });
        broken.start(on(state));
        assertThat(broken.running()).isFalse();
    }

    private static void awaitFreight(Kargo kargo) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (kargo.views().timeline("gitapp", FreightFilter.ALL, 0, 10).total() == 0) {
            assertThat(System.nanoTime()).as("no Freight discovered within 60s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
