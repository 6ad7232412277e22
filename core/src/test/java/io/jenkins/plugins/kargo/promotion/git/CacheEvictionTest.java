package io.jenkins.plugins.kargo.promotion.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.git.GitTransportRetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clone cache stays within its size limit, removing the least recently used clones that nobody uses. */
class CacheEvictionTest {

    @TempDir
    Path tmp;
    List<BareRepository> remotes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        for (String name : List.of("alpha", "beta", "gamma")) {
            remotes.add(BareRepository.create(tmp.resolve(name + ".git"), Map.of("app.yaml", "name: " + name + "\n")));
        }
    }

    private static void checkout(RepositoryCache cache, BareRepository remote, Path directory) throws Exception {
        cache.checkout(remote.directory().toString(), RemoteAccess.anonymous(), directory, new Revision.DefaultBranch());
    }

    /** Makes a clone look as if it was last used {@code ago}. */
    private static void lastUsed(RepositoryCache cache, BareRepository remote, Duration ago) throws Exception {
        Path clone = cache.directoryOf(remote.directory().toString());
        Files.setLastModifiedTime(clone.resolveSibling(clone.getFileName() + ".lock"), FileTime.from(Instant.now().minus(ago)));
    }

    private static List<String> clones(Path root) throws Exception {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString().replaceAll("-.*", "")).sorted().toList();
        }
    }

    @Test
    void aCloneThatOverflowsTheLimitRemovesTheLeastRecentlyUsedIdleClones() throws Exception {
        Path root = tmp.resolve("cache");
        RepositoryCache unbounded = new RepositoryCache(root);
        checkout(unbounded, remotes.get(0), tmp.resolve("w0"));
        checkout(unbounded, remotes.get(1), tmp.resolve("w1"));
        lastUsed(unbounded, remotes.get(0), Duration.ofHours(3));
        lastUsed(unbounded, remotes.get(1), Duration.ofHours(2));
        long oneClone = size(unbounded.directoryOf(remotes.get(0).directory().toString()));
        RepositoryCache bounded = new RepositoryCache(root, GitTransportRetry.DEFAULT,
                new CacheEviction.Limits(oneClone * 5 / 2, Duration.ofHours(1), Duration.ofMinutes(10)));

        checkout(bounded, remotes.get(2), tmp.resolve("w2"));

        assertThat(clones(root)).as("alpha, the least recently used, went; beta fits").containsExactly("beta", "gamma");
    }

    @Test
    void clonesUsedRecentlyOrHeldByAPromotionStay() throws Exception {
        Path root = tmp.resolve("cache");
        RepositoryCache cache = new RepositoryCache(root);
        checkout(cache, remotes.get(0), tmp.resolve("w0"));
        checkout(cache, remotes.get(1), tmp.resolve("w1"));
        checkout(cache, remotes.get(2), tmp.resolve("w2"));
        lastUsed(cache, remotes.get(0), Duration.ofHours(2));
        lastUsed(cache, remotes.get(1), Duration.ofMinutes(5));
        Path held = cache.directoryOf(remotes.get(0).directory().toString());
        CacheEviction.Limits nothingFits = new CacheEviction.Limits(0, Duration.ofHours(1), Duration.ZERO);

        List<Path> removedWhileHeld = new CacheEviction(root, nothingFits, clone -> clone.equals(held)
                ? Optional.empty() : Optional.of(() -> { })).afterUse(cache.directoryOf(remotes.get(2).directory().toString()), false);
        List<Path> removed = new CacheEviction(root, nothingFits, clone -> Optional.of(() -> { }))
                .afterUse(cache.directoryOf(remotes.get(2).directory().toString()), false);

        assertThat(removedWhileHeld).as("alpha is held, beta was used 5 minutes ago, gamma just now").isEmpty();
        assertThat(removed).containsExactly(held);
        assertThat(clones(root)).containsExactly("beta", "gamma");
    }

    @Test
    void aRemovedCloneIsClonedAgainByTheNextPromotion() throws Exception {
        Path root = tmp.resolve("cache");
        RepositoryCache cache = new RepositoryCache(root, GitTransportRetry.DEFAULT,
                new CacheEviction.Limits(0, Duration.ZERO, Duration.ZERO));
        checkout(cache, remotes.get(0), tmp.resolve("w0"));
        lastUsed(cache, remotes.get(0), Duration.ofMinutes(1));
        checkout(cache, remotes.get(1), tmp.resolve("w1"));
        assertThat(clones(root)).containsExactly("beta");

        RepositoryCache.Checkout again = cache.checkout(remotes.get(0).directory().toString(), RemoteAccess.anonymous(),
                tmp.resolve("w2"), new Revision.DefaultBranch());

        assertThat(again.refresh()).isEqualTo(RepositoryCache.Refresh.CLONED);
        assertThat(again.head().orElseThrow().name()).isEqualTo(remotes.get(0).head("main"));
    }

    private static long size(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
