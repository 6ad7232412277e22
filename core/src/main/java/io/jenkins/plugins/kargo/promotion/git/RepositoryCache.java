package io.jenkins.plugins.kargo.promotion.git;

import io.jenkins.plugins.kargo.git.GitTransportRetry;
import io.jenkins.plugins.kargo.git.LazyCheckout;
import io.jenkins.plugins.kargo.url.RepoUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.URIish;

/**
 * Bare clones of remote repositories, one per repository URL under a root directory, that promotions share. The
 * first promotion of a repository clones it; later ones fetch into the clone. Each promotion then gets its own
 * working tree that borrows the clone's objects (git's "alternates", as {@code git clone --shared}), so creating
 * it copies no history and concurrent promotions never share a working tree or an index.
 *
 * <p>Refreshes of one repository are serialised (within this JVM by a lock, across processes by a file lock), and
 * a promotion that waited while another refreshed the same repository takes that fresh state instead of fetching
 * again. Objects are only ever added to a clone, so working trees borrowing them stay valid while it is refreshed.
 *
 * <p>The clone's and the refresh's fetch are tried again after a transient failure ({@link GitTransportRetry}); when
 * every attempt fails, the checkout fails naming the repository (without credentials), the attempts and the last
 * cause, and the cache is left as it was.
 *
 * <p>Working trees are {@link LazyCheckout lazy}: their index lists every file, and a file is written to disk when a
 * step names it. The objects a promotion writes (its commit, a rebase) go into the cached clone
 * ({@link #openWorkTree}), where every later promotion of the repository finds them.
 *
 * <p>The cache is bounded ({@link CacheEviction}), and what a crash can leave behind (a half clone, a half eviction,
 * git's lock files, a clone whose refs point at missing objects) is cleared or replaced by the next refresh under the
 * repository's lock, so the next promotion can always use the cache.
 */
public final class RepositoryCache {

    /** What a refresh did to the cached clone. */
    public enum Refresh {
        /** The repository was not cached: it was cloned. */
        CLONED,
        /** The cached clone was updated with a fetch. */
        FETCHED,
        /** Another promotion fetched while this one waited; its result was taken as it is. */
        SHARED
    }

    /** What a checkout found: the commit checked out (none for a branch to be started empty) and what the cache did. */
    public record Checkout(Optional<ObjectId> head, Refresh refresh) {
    }

    /** What the cached clone mirrors (a method, not a constant: a command that promotes nothing loads no JGit). */
    private static List<RefSpec> mirrored() {
        return List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));
    }
    private static final String ORIGIN_BRANCHES = "+refs/heads/*:refs/remotes/origin/*";

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        /** {@link System#nanoTime()} when the latest successful refresh started; 0 before the first. */
        long refreshStarted;
    }

    private final Path root;
    private final GitTransportRetry retry;
    private final CacheEviction eviction;
    /** By cached clone; shared by every cache in this JVM, as the file locks they take are. */
    private static final Map<Path, Entry> ENTRIES = new ConcurrentHashMap<>();

    public RepositoryCache(Path root) {
        this(root, GitTransportRetry.DEFAULT);
    }

    /** @param retry how often a fetch or clone is tried again after a transient failure */
    public RepositoryCache(Path root, GitTransportRetry retry) {
        this(root, retry, CacheEviction.Limits.DEFAULT);
    }

    /** @param limits how large the cache may grow and how long a repository must be unused before it is removed */
    public RepositoryCache(Path root, GitTransportRetry retry, CacheEviction.Limits limits) {
        this.root = root;
        this.retry = retry;
        this.eviction = new CacheEviction(root, limits, RepositoryCache::tryLock);
    }

    /**
     * Opens a working tree made by {@link #checkout}. Objects written through it (commits, rebased commits, fetched
     * objects) go into the cached clone whose objects it borrows, so other promotions of the repository see them.
     */
    public static Repository openWorkTree(Path directory) throws IOException {
        Path gitDir = directory.resolve(Constants.DOT_GIT);
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(gitDir.toFile())
                .setWorkTree(directory.toFile()).setMustExist(true);
        Path alternates = gitDir.resolve("objects/info/alternates");
        if (Files.isRegularFile(alternates)) {
            Optional<String> shared = Files.readAllLines(alternates, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).findFirst();
            if (shared.isPresent()) {
                builder.setObjectDirectory(new java.io.File(shared.get()))
                        .addAlternateObjectDirectory(gitDir.resolve("objects").toFile());
            }
        }
        return builder.build();
    }

    /**
     * The commit the cached clone last saw on {@code branch}: fetched, or pushed by a promotion of this engine.
     * {@code workTree} must be opened by {@link #openWorkTree}.
     */
    static Optional<ObjectId> cachedHead(Repository workTree, String branch) throws IOException {
        try (Repository cached = open(cachedCloneOf(workTree))) {
            return Optional.ofNullable(cached.exactRef(Constants.R_HEADS + branch)).map(Ref::getObjectId);
        }
    }

    private static Path cachedCloneOf(Repository workTree) throws IOException {
        Path alternates = workTree.getDirectory().toPath().resolve("objects/info/alternates");
        return Path.of(Files.readAllLines(alternates, StandardCharsets.UTF_8).get(0).strip()).getParent();
    }

    /**
     * Records in the cached clone that {@code branch} is now at {@code commit} (a push just put it there), so the
     * next promotion of the branch starts from it without a fetch. A hint only: a push still fails, and is rebased,
     * if the branch moved meanwhile.
     */
    static void recordPush(Repository workTree, String branch, ObjectId commit) throws IOException {
        Path clone = cachedCloneOf(workTree);
        Optional<AutoCloseable> lock = tryLock(clone);
        if (lock.isEmpty()) {
            return; // a refresh is under way: it brings the branch as the remote has it
        }
        try (AutoCloseable ignored = lock.get(); Repository cached = open(clone)) {
            RefUpdate update = cached.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(commit);
            update.forceUpdate();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** The directory of the cached bare clone of {@code repoURL}, whether or not it exists yet. */
    public Path directoryOf(String repoURL) {
        String normalized = RepoUrls.normalizeGit(repoURL);
        String name = normalized.replaceAll("\\.git$", "").replaceAll(".*[/:]", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve(name + "-" + sha256(normalized).substring(0, 16) + ".git");
    }

    /**
     * Brings the cached clone of {@code repoURL} up to date and creates a working tree at {@code directory} (which
     * must not exist or be empty) with {@code revision} checked out, {@code origin} set to {@code repoURL} and its
     * remote branches as {@code refs/remotes/origin/*}.
     *
     * @throws IllegalArgumentException when the revision does not exist in the repository, naming it
     */
    public Checkout checkout(String repoURL, RemoteAccess access, Path directory, Revision revision)
            throws IOException, GitAPIException, InterruptedException {
        Path cached = directoryOf(repoURL);
        Refresh refresh;
        Map<String, Ref> refs;
        String defaultBranch;
        Entry entry = entryOf(cached);
        long requested = System.nanoTime();
        entry.lock.lockInterruptibly();
        Path lockPath = lockFileOf(cached);
        try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            Files.setLastModifiedTime(lockPath, FileTime.from(Instant.now())); // when it was last used, for eviction
            clearCrashLeftovers(cached);
            refresh = refresh(repoURL, access, cached, entry, requested);
            try (Repository repo = open(cached)) {
                refs = repo.getRefDatabase().getRefs().stream().collect(Collectors.toMap(Ref::getName, r -> r));
                Ref head = repo.exactRef(Constants.HEAD);
                defaultBranch = head != null && head.isSymbolic() ? head.getTarget().getName() : null;
            }
        } finally {
            entry.lock.unlock();
        }
        Optional<ObjectId> head = createWorkingTree(cached, repoURL, access, directory, revision, refs, defaultBranch);
        eviction.afterUse(cached, refresh == Refresh.CLONED);
        return new Checkout(head, refresh);
    }

    private static Entry entryOf(Path cached) {
        return ENTRIES.computeIfAbsent(cached.toAbsolutePath().normalize(), k -> new Entry());
    }

    private static Path lockFileOf(Path cached) throws IOException {
        return Files.createDirectories(cached.getParent()).resolve(cached.getFileName() + ".lock");
    }

    /**
     * Both locks of a cached clone, if nobody holds them, for {@link CacheEviction}; empty if it is in use. The
     * caller closes the result to release them.
     */
    private static Optional<AutoCloseable> tryLock(Path cached) throws IOException {
        Entry entry = entryOf(cached);
        if (!entry.lock.tryLock()) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFileOf(cached), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                entry.lock.unlock();
                return Optional.empty();
            }
            FileChannel held = channel;
            return Optional.of(() -> {
                try {
                    held.close();
                } finally {
                    entry.lock.unlock();
                }
            });
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            entry.lock.unlock();
            throw e;
        }
    }

    /**
     * What a process that died while holding this repository's lock may have left: a half clone or a half
     * eviction beside it, git's own lock files inside it, or a clone whose refs point at objects it never wrote
     * (which is then cloned again). Called with the repository's locks held, so nothing here is in use.
     */
    private static void clearCrashLeftovers(Path cached) throws IOException {
        try (Stream<Path> siblings = Files.list(cached.getParent())) {
            for (Path leftover : siblings.filter(p -> p.getFileName().toString().startsWith(cached.getFileName() + ".partial-")
                    || p.getFileName().toString().startsWith(cached.getFileName() + CacheEviction.EVICTING)).toList()) {
                deleteRecursively(leftover);
            }
        }
        if (!Files.isDirectory(cached.resolve(Constants.R_REFS))) {
            if (Files.exists(cached)) {
                CacheEviction.remove(cached); // not a clone this cache made
            }
            return;
        }
        // git's lock files live beside the files they guard: at the top (packed-refs, config, HEAD) and under refs/
        try (Stream<Path> top = Files.list(cached); Stream<Path> refs = Files.walk(cached.resolve(Constants.R_REFS))) {
            for (Path lock : Stream.concat(top, refs).filter(p -> p.getFileName().toString().endsWith(".lock")
                    && Files.isRegularFile(p)).toList()) {
                Files.deleteIfExists(lock);
            }
        }
        if (!usable(cached)) {
            CacheEviction.remove(cached);
        }
    }

    /** Whether the clone has a HEAD and every ref's object, as a crash between writing objects and refs might not. */
    private static boolean usable(Path cached) {
        if (!Files.exists(cached.resolve(Constants.HEAD))) {
            return false;
        }
        try (Repository repo = open(cached)) {
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null && !repo.getObjectDatabase().has(ref.getObjectId())) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Refresh refresh(String repoURL, RemoteAccess access, Path cached, Entry entry, long requested)
            throws IOException, GitAPIException {
        if (entry.refreshStarted - requested > 0 && Files.exists(cached.resolve(Constants.HEAD))) {
            return Refresh.SHARED;
        }
        long started = System.nanoTime();
        Refresh refresh = Files.exists(cached.resolve("HEAD")) ? fetch(repoURL, access, cached) : cloneInto(repoURL, access, cached);
        entry.refreshStarted = started; // only a refresh that succeeded may stand in for a later request
        return refresh;
    }

    private Refresh fetch(String repoURL, RemoteAccess access, Path cached) throws IOException {
        try (Git git = Git.open(cached.toFile())) {
            retry.call(() -> access.applyTo(git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME).setRefSpecs(mirrored())
                    .setRemoveDeletedRefs(true)).call());
        } catch (GitAPIException | JGitInternalException | IOException e) {
            throw failure("fetch", repoURL, access, e);
        }
        return Refresh.FETCHED;
    }

    private Refresh cloneInto(String repoURL, RemoteAccess access, Path cached) throws IOException, GitAPIException {
        // Cloned beside the final place and moved there in one step, so a crash never leaves a half clone behind.
        Path partial = root.resolve(cached.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            try (Git git = Git.init().setBare(true).setGitDir(partial.toFile()).call()) {
                StoredConfig config = git.getRepository().getConfig();
                RemoteConfig origin = new RemoteConfig(config, Constants.DEFAULT_REMOTE_NAME);
                origin.addURI(new URIish(repoURL));
                mirrored().forEach(origin::addFetchRefSpec);
                origin.update(config);
                config.save();
                FetchResult result = retry.call(() -> access.applyTo(git.fetch()
                        .setRemote(Constants.DEFAULT_REMOTE_NAME).setRefSpecs(mirrored())).call());
                pointHeadAtDefaultBranch(git.getRepository(), result);
            } catch (GitAPIException | JGitInternalException | IOException e) {
                throw failure("clone", repoURL, access, e);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("repoURL '" + withoutCredentials(repoURL) + "' is not a git URL: "
                        + e.getReason());
            }
            try {
                Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, cached);
            }
        } finally {
            deleteRecursively(partial);
        }
        return Refresh.CLONED;
    }

    /** The remote's HEAD names its default branch; older servers only advertise its commit, so match it. */
    private static void pointHeadAtDefaultBranch(Repository repo, FetchResult result) throws IOException {
        Ref advertised = result.getAdvertisedRef(Constants.HEAD);
        if (advertised == null) {
            return;
        }
        String branch = advertised.isSymbolic() ? advertised.getTarget().getName()
                : result.getAdvertisedRefs().stream()
                        .filter(r -> r.getName().startsWith(Constants.R_HEADS) && advertised.getObjectId().equals(r.getObjectId()))
                        .map(Ref::getName)
                        .sorted((a, b) -> Boolean.compare(!isCommonDefault(a), !isCommonDefault(b)))
                        .findFirst().orElse(null);
        if (branch != null) {
            repo.updateRef(Constants.HEAD).link(branch);
        }
    }

    private static boolean isCommonDefault(String ref) {
        return ref.equals("refs/heads/main") || ref.equals("refs/heads/master");
    }

    private static Optional<ObjectId> createWorkingTree(Path cached, String repoURL, RemoteAccess access, Path directory,
                                                       Revision revision, Map<String, Ref> refs, String defaultBranch)
            throws IOException, GitAPIException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> children = Files.list(directory)) {
                if (children.findAny().isPresent()) {
                    throw new IllegalArgumentException("checkout directory " + directory + " is not empty");
                }
            }
        }
        String branch = revision instanceof Revision.Branch b ? b.name()
                : revision instanceof Revision.DefaultBranch && defaultBranch != null ? Repository.shortenRefName(defaultBranch)
                : null;
        try (Git git = Git.init().setDirectory(directory.toFile())
                .setInitialBranch(branch == null ? Constants.MASTER : branch).call()) {
            Repository repo = git.getRepository();
            Files.writeString(repo.getDirectory().toPath().resolve("objects/info/alternates"),
                    cached.toAbsolutePath().resolve("objects") + "\n", StandardCharsets.UTF_8);
            StoredConfig config = repo.getConfig();
            config.setString("remote", Constants.DEFAULT_REMOTE_NAME, "url", repoURL);
            config.setString("remote", Constants.DEFAULT_REMOTE_NAME, "fetch", ORIGIN_BRANCHES);
            if (access.insecureSkipTLSVerify()) {
                config.setBoolean("http", null, "sslVerify", false);
            }
            if (branch != null) {
                config.setString("branch", branch, "remote", Constants.DEFAULT_REMOTE_NAME);
                config.setString("branch", branch, "merge", Constants.R_HEADS + branch);
            }
            config.save();
            copyRefs(repo, refs);
            ObjectId target = resolve(repo, revision, refs, branch, withoutCredentials(repoURL));
            if (target == null) {
                LazyCheckout.checkout(repo, null);
                return Optional.empty();
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(target);
                RefUpdate update = branch != null ? repo.updateRef(Constants.R_HEADS + branch)
                        : repo.updateRef(Constants.HEAD, true);
                update.setNewObjectId(commit);
                update.forceUpdate();
                LazyCheckout.checkout(repo, commit.getTree());
                return Optional.of(commit.copy());
            }
        }
    }

    /** The cache's branches become the working tree's remote branches; tags are copied as they are. */
    private static void copyRefs(Repository repo, Map<String, Ref> refs) throws IOException {
        var batch = repo.getRefDatabase().newBatchUpdate();
        for (Ref ref : refs.values()) {
            if (ref.isSymbolic() || ref.getObjectId() == null) {
                continue;
            }
            String name = ref.getName();
            String local = name.startsWith(Constants.R_HEADS)
                    ? Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + name.substring(Constants.R_HEADS.length())
                    : name.startsWith(Constants.R_TAGS) ? name : null;
            if (local != null) {
                batch.addCommand(new org.eclipse.jgit.transport.ReceiveCommand(ObjectId.zeroId(), ref.getObjectId(), local));
            }
        }
        try (RevWalk walk = new RevWalk(repo)) {
            batch.execute(walk, org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
        }
        for (var command : batch.getCommands()) {
            if (command.getResult() != org.eclipse.jgit.transport.ReceiveCommand.Result.OK) {
                throw new IOException("could not create " + command.getRefName() + ": " + command.getResult());
            }
        }
    }

    /** The commit to check out, or null for a branch that is to be created empty. */
    private static ObjectId resolve(Repository repo, Revision revision, Map<String, Ref> refs, String branch,
                                    String repoURL) throws IOException {
        if (revision instanceof Revision.Commit c) {
            ObjectId id = repo.resolve(c.sha() + "^{commit}");
            if (id == null) {
                throw new IllegalArgumentException("commit " + c.sha() + " is not in " + repoURL);
            }
            return id;
        }
        if (revision instanceof Revision.Tag t) {
            ObjectId id = repo.resolve(Constants.R_TAGS + t.name() + "^{commit}");
            if (id == null) {
                throw new IllegalArgumentException("tag " + t.name() + " does not exist in " + repoURL);
            }
            return id;
        }
        if (branch == null) {
            throw new IllegalArgumentException(repoURL + " has no default branch; name a branch to check out");
        }
        Ref ref = refs.get(Constants.R_HEADS + branch);
        if (ref != null) {
            return ref.getObjectId();
        }
        if (revision instanceof Revision.Branch b && b.create()) {
            return null;
        }
        throw new IllegalArgumentException("branch " + branch + " does not exist in " + repoURL
                + "; set create: true to start it empty");
    }

    /**
     * One line naming the repository once (without credentials), the attempts when there were retries, the last
     * cause, and the fix for missing credentials or an unverifiable certificate.
     */
    private static IOException failure(String verb, String repoURL, RemoteAccess access, Exception e) {
        String shown = withoutCredentials(repoURL);
        String cause = innermostMessage(e instanceof GitTransportRetry.AttemptsExhausted ? e.getCause() : e);
        for (String spelling : spellings(repoURL)) {
            cause = cause.replace(spelling, shown);
        }
        if (cause.startsWith(shown + ": ")) {
            cause = cause.substring(shown.length() + 2);
        }
        if (e instanceof GitTransportRetry.AttemptsExhausted exhausted) {
            cause = exhausted.getMessage() + ", the last with: " + cause;
        }
        String lower = cause.toLowerCase(java.util.Locale.ROOT);
        boolean authentication = lower.contains("not authorized") || lower.contains("authentication");
        boolean certificate = lower.contains("certification path") || lower.contains("ssl") || lower.contains("certificate");
        String hint = authentication && access.credentials().isEmpty()
                ? "; no git credentials match this URL: add a credential Secret labelled kargo.akuity.io/cred-type: git for it"
                : certificate && !access.insecureSkipTLSVerify()
                ? "; the server's TLS certificate could not be verified: trust its CA in the JVM, or set insecureSkipTLSVerify: true"
                : "";
        return new IOException("could not " + verb + " " + shown + ": " + cause + hint, e);
    }

    /**
     * The URL without its password, and for HTTP(S) without its user name too, where a token is often written; an
     * SSH user name ({@code git@}) is an address, not a secret.
     */
    static String withoutCredentials(String repoURL) {
        try {
            URIish uri = new URIish(repoURL).setPass(null);
            return (uri.getScheme() != null && uri.getScheme().toLowerCase(java.util.Locale.ROOT).startsWith("http")
                    ? uri.setUser(null) : uri).toString();
        } catch (java.net.URISyntaxException e) {
            return repoURL.replaceAll("//[^/@]*@", "//");
        }
    }

    /** How the URL may appear in JGit's messages: as written, and with the password dropped (JGit's own form). */
    private static List<String> spellings(String repoURL) {
        try {
            return List.of(repoURL, new URIish(repoURL).setPass(null).toString());
        } catch (java.net.URISyntaxException e) {
            return List.of(repoURL);
        }
    }

    /** JGit wraps the useful message ("...: not found", "not authorized") in generic ones ("Invalid remote"). */
    static String innermostMessage(Throwable e) {
        Throwable inner = e;
        while (inner.getCause() != null && inner.getCause().getMessage() != null) {
            inner = inner.getCause();
        }
        return inner.getMessage();
    }

    private static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
