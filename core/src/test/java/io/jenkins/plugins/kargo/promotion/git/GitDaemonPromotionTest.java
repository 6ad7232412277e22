package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.testkit.GitDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotions over {@code git://} against a real git daemon, one at a time and 25 at once into one branch. */
class GitDaemonPromotionTest {

    private static final int PROMOTIONS = 25;

    @TempDir
    Path tmp;
    BareRepository remote;
    GitDaemon daemon;
    Promotions steps;

    @BeforeEach
    void setUp() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        remote = BareRepository.create(served.resolve("gitops.git"), Map.of("README.md", "gitops\n"));
        daemon = GitDaemon.serve(served);
        steps = new Promotions(tmp.resolve("cache"));
    }

    @AfterEach
    void tearDown() throws Exception {
        daemon.close();
    }

    private StepResult promote(String promotion, String file, String content) throws Exception {
        StepContext context = context(tmp.resolve("work"), promotion);
        StepResult cloned = steps.clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: main, path: ./out}]
                """.formatted(daemon.url("gitops.git"))));
        assertThat(cloned.status()).as(cloned.message()).isEqualTo(StepStatus.Succeeded);
        Path target = context.workDir().resolve("out").resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
        StepResult committed = steps.commit.run(context, config("{path: ./out, message: '" + promotion + "'}"));
        assertThat(committed.status()).as(committed.message()).isEqualTo(StepStatus.Succeeded);
        return steps.push.run(context, config("{path: ./out, targetBranch: main}"));
    }

    @Test
    void pushRejectedBecauseAnotherClonePushedFirstIsRebasedAndRetried() throws Exception {
        StepContext context = context(tmp.resolve("work"), "p1");
        steps.clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: main, path: ./out}]
                """.formatted(daemon.url("gitops.git"))));
        Files.writeString(context.workDir().resolve("out/dev.yaml"), "tag: v2\n");
        steps.commit.run(context, config("{path: ./out, message: promote dev}"));
        String theirs = remote.pushFromElsewhere(tmp, "prod.yaml", "tag: v1\n", "elsewhere");

        StepResult pushed = steps.push.run(context, config("{path: ./out}"));

        assertThat(pushed.status()).as(pushed.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(remote.subjects("main")).containsExactly("promote dev", "elsewhere", "initial");
        assertThat(BareRepository.git(remote.directory(), "rev-parse", "main^").strip()).isEqualTo(theirs);
        assertThat(pushed.output()).containsEntry("commit", remote.head("main"));
    }

    @Test
    void pushThatStillFindsTheBranchMovedAfterMaxAttemptsGivesUp() throws Exception {
        StepContext context = context(tmp.resolve("work"), "p1");
        steps.clone.run(context, config("""
                repoURL: %s
                checkout: [{branch: main, path: ./out}]
                """.formatted(daemon.url("gitops.git"))));
        Files.writeString(context.workDir().resolve("out/dev.yaml"), "tag: v2\n");
        steps.commit.run(context, config("{path: ./out, message: promote dev}"));
        String theirs = remote.pushFromElsewhere(tmp, "prod.yaml", "tag: v1\n", "elsewhere");

        StepResult pushed = steps.push.run(context, config("{path: ./out, maxAttempts: 1}"));

        assertThat(pushed.status()).isEqualTo(StepStatus.Errored);
        assertThat(pushed.message()).contains("gave up after 1 attempts").contains("maxAttempts");
        assertThat(remote.head("main")).isEqualTo(theirs);
    }

    @Test
    void concurrentPromotionsIntoOneBranchEachLandExactlyOnce() throws Exception {
        CyclicBarrier start = new CyclicBarrier(PROMOTIONS);
        List<Callable<StepResult>> promotions = new ArrayList<>();
        for (int i = 0; i < PROMOTIONS; i++) {
            String name = "promotion-" + i;
            promotions.add(() -> {
                start.await(1, TimeUnit.MINUTES);
                return promote(name, "stages/" + name + ".yaml", "freight: " + name + "\n");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(PROMOTIONS);
        List<StepResult> results = new ArrayList<>();
        try {
            for (Future<StepResult> result : pool.invokeAll(promotions, 5, TimeUnit.MINUTES)) {
                results.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.message()).isEqualTo(StepStatus.Succeeded));
        List<String> expected = IntStream.range(0, PROMOTIONS).mapToObj(i -> "promotion-" + i).toList();
        List<String> subjects = remote.subjects("main");
        assertThat(subjects).hasSize(PROMOTIONS + 1).last().isEqualTo("initial");
        assertThat(subjects.subList(0, PROMOTIONS)).containsExactlyInAnyOrderElementsOf(expected);
        for (String name : expected) {
            assertThat(remote.show("main", "stages/" + name + ".yaml")).isEqualTo("freight: " + name + "\n");
        }
        assertThat(BareRepository.git(remote.directory(), "rev-list", "--merges", "--count", "main").strip())
                .as("history stays linear").isEqualTo("0");
        assertThat(results).extracting(r -> r.output().get("commit")).doesNotHaveDuplicates().contains(remote.head("main"));
        try (var caches = Files.list(tmp.resolve("cache"))) {
            assertThat(caches.filter(Files::isDirectory).toList()).as("one clone shared by all promotions").hasSize(1);
        }
    }
}
