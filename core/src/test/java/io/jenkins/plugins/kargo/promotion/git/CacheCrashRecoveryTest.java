package io.jenkins.plugins.kargo.promotion.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process killed in the middle of a clone, a fetch, a ref update or an eviction leaves in the clone cache
 * does not stop the next promotion: leftovers are removed and a clone that cannot be trusted is cloned again.
 */
class CacheCrashRecoveryTest {

    @TempDir
    Path tmp;
    BareRepository remote;
    RepositoryCache cache;
    Path cached;

    @BeforeEach
    void setUp() throws Exception {
        remote = BareRepository.create(tmp.resolve("gitops.git"), Map.of("app.yaml", "tag: v1\n"));
        cache = new RepositoryCache(tmp.resolve("cache"));
        cached = cache.directoryOf(remote.directory().toString());
    }

    private RepositoryCache.Checkout checkout(String directory) throws Exception {
        return cache.checkout(remote.directory().toString(), RemoteAccess.anonymous(), tmp.resolve(directory),
                new Revision.DefaultBranch());
    }

    private static Path write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void gitLockFilesAndHalfClonesOrEvictionsAreClearedAndTheCloneIsFetched() throws Exception {
        checkout("first");
        String newer = remote.pushFromElsewhere(tmp, "app.yaml", "tag: v2\n", "v2");
        Path lockedRef = write(cached.resolve("refs/heads/main.lock"), "0000000000000000000000000000000000000000\n");
        Path packedRefs = write(cached.resolve("packed-refs.lock"), "");
        Path config = write(cached.resolve("config.lock"), "");
        Path halfClone = write(cached.resolveSibling(cached.getFileName() + ".partial-1234/HEAD"), "ref: refs/heads/main\n").getParent();
        Path halfEviction = write(cached.resolveSibling(cached.getFileName() + CacheEviction.EVICTING + "5678/HEAD"), "").getParent();

        RepositoryCache.Checkout second = checkout("second");

        assertThat(second.refresh()).isEqualTo(RepositoryCache.Refresh.FETCHED);
        assertThat(second.head().orElseThrow().name()).isEqualTo(newer);
        assertThat(Stream.of(lockedRef, packedRefs, config, halfClone, halfEviction)).allMatch(p -> !Files.exists(p));
    }

    @Test
    void aCloneWhoseBranchPointsAtAMissingObjectIsClonedAgain() throws Exception {
        checkout("first");
        Files.writeString(cached.resolve("refs/heads/main"), "1234567890123456789012345678901234567890\n");

        RepositoryCache.Checkout second = checkout("second");

        assertThat(second.refresh()).isEqualTo(RepositoryCache.Refresh.CLONED);
        assertThat(second.head().orElseThrow().name()).isEqualTo(remote.head("main"));
        assertThat(BareRepository.git(cached, "fsck", "--no-progress").strip()).isEmpty();
    }

    @Test
    void aDirectoryThatIsNoCloneIsReplacedByAClone() throws Exception {
        Files.createDirectories(cached.resolve("objects"));

        RepositoryCache.Checkout checkout = checkout("first");

        assertThat(checkout.refresh()).isEqualTo(RepositoryCache.Refresh.CLONED);
        assertThat(checkout.head().orElseThrow().name()).isEqualTo(remote.head("main"));
    }
}
