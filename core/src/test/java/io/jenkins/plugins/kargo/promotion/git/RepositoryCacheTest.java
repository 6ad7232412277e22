package io.jenkins.plugins.kargo.promotion.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCacheTest {

    @TempDir
    Path tmp;
    BareRepository remote;
    RepositoryCache cache;

    @BeforeEach
    void setUp() throws Exception {
        remote = BareRepository.create(tmp.resolve("gitops.git"), Map.of("app.yaml", "tag: v1\n"));
        cache = new RepositoryCache(tmp.resolve("cache"));
    }

    /** A checkout with all its files written, as a step that names the checkout's root would have them. */
    private RepositoryCache.Checkout checkout(String directory) throws Exception {
        RepositoryCache.Checkout checkout = cache.checkout(remote.directory().toString(), RemoteAccess.anonymous(),
                tmp.resolve(directory), new Revision.DefaultBranch());
        WorkDirPath.resolve(tmp, "path", directory);
        return checkout;
    }

    @Test
    void secondPromotionFetchesIntoTheCloneInsteadOfCloningAgain() throws Exception {
        RepositoryCache.Checkout first = checkout("first");
        Path cached = cache.directoryOf(remote.directory().toString());
        Object cloneIdentity = Files.readAttributes(cached, BasicFileAttributes.class).fileKey();
        String newer = remote.pushFromElsewhere(tmp, "app.yaml", "tag: v2\n", "v2");

        RepositoryCache.Checkout second = checkout("second");

        assertThat(first.refresh()).isEqualTo(RepositoryCache.Refresh.CLONED);
        assertThat(second.refresh()).isEqualTo(RepositoryCache.Refresh.FETCHED);
        assertThat(Files.readAttributes(cached, BasicFileAttributes.class).fileKey()).as("the same clone").isEqualTo(cloneIdentity);
        assertThat(cached.resolve("FETCH_HEAD")).exists();
        assertThat(second.head().orElseThrow().name()).isEqualTo(newer);
        assertThat(Files.readString(tmp.resolve("second/app.yaml"))).isEqualTo("tag: v2\n");
        assertThat(Files.readString(tmp.resolve("first/app.yaml"))).as("working trees are separate").isEqualTo("tag: v1\n");
    }

    @Test
    void workingTreesBorrowTheClonesObjectsInsteadOfCopyingThem() throws Exception {
        checkout("tree");

        Path git = tmp.resolve("tree/.git");
        assertThat(Files.readString(git.resolve("objects/info/alternates")).strip())
                .isEqualTo(cache.directoryOf(remote.directory().toString()).toAbsolutePath().resolve("objects").toString());
        try (var packs = Files.list(git.resolve("objects/pack"))) {
            assertThat(packs.toList()).isEmpty();
        }
        assertThat(BareRepository.git(tmp.resolve("tree"), "status", "--porcelain").strip()).as("git sees a clean tree").isEmpty();
        assertThat(BareRepository.git(tmp.resolve("tree"), "rev-parse", "--abbrev-ref", "@{upstream}").strip()).isEqualTo("origin/main");
    }

    @Test
    void concurrentPromotionsOfOneRepositoryCloneItOnce() throws Exception {
        int promotions = 8;
        CyclicBarrier start = new CyclicBarrier(promotions);
        List<Callable<RepositoryCache.Checkout>> tasks = new ArrayList<>();
        for (int i = 0; i < promotions; i++) {
            String directory = "tree-" + i;
            tasks.add(() -> {
                start.await(1, TimeUnit.MINUTES);
                return checkout(directory);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(promotions);
        List<RepositoryCache.Refresh> refreshes = new ArrayList<>();
        try {
            for (Future<RepositoryCache.Checkout> f : pool.invokeAll(tasks, 5, TimeUnit.MINUTES)) {
                refreshes.add(f.get().refresh());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(refreshes).filteredOn(r -> r == RepositoryCache.Refresh.CLONED).hasSize(1);
        for (int i = 0; i < promotions; i++) {
            assertThat(Files.readString(tmp.resolve("tree-" + i + "/app.yaml"))).isEqualTo("tag: v1\n");
        }
        try (var entries = Files.list(tmp.resolve("cache"))) {
            assertThat(entries.filter(Files::isDirectory).toList()).as("no partial clone left behind").hasSize(1);
        }
    }

    @Test
    void unreachableRepositoryLeavesNoPartialClone() throws Exception {
        assertThatThrownBy(() -> cache.checkout(tmp.resolve("missing.git").toString(), RemoteAccess.anonymous(),
                tmp.resolve("tree"), new Revision.DefaultBranch()))
                .hasMessageStartingWith("could not clone " + tmp.resolve("missing.git")).hasMessageEndingWith("not found.");
        try (var entries = Files.list(tmp.resolve("cache"))) {
            assertThat(entries.filter(Files::isDirectory).toList()).isEmpty();
        }
    }
}
