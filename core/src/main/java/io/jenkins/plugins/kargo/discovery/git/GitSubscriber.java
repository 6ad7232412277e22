package io.jenkins.plugins.kargo.discovery.git;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jenkins.plugins.kargo.api.CommitSelectionStrategy;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredCommit;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.Subscriber;
import io.jenkins.plugins.kargo.git.GitTransportRetry;
import io.jenkins.plugins.kargo.semver.SemverRange;
import io.jenkins.plugins.kargo.tags.TagFilter;
import io.jenkins.plugins.kargo.tags.TagOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Discovers the commits of a git subscription with JGit, as Kargo's git subscriber does
 * ({@code pkg/subscription/git.go}, {@code pkg/controller/git/commit/*}): NewestFromBranch (the default), SemVer,
 * Lexical and NewestTag, with tag patterns and include/exclude paths.
 *
 * <p>Each discovery starts with one {@code ls-remote}. Its answer, the branch head or the tag-to-object map after
 * the subscription's tag filters, is compared with what this subscriber observed at its previous discovery of the
 * same subscription: when nothing moved, the previous commits are returned without a fetch. That memory is kept in
 * this instance only (Kargo keeps it in the Warehouse's status); across processes the second saving still holds:
 * objects are fetched into a bare repository per URL under the cache directory, never cloned again, and no fetch
 * happens when every object the {@code ls-remote} named is already there.
 */
public final class GitSubscriber implements Subscriber<GitSubscription> {

    /** Where the default branch is fetched to when the subscription names no branch. */
    static final String DEFAULT_BRANCH_REF = "refs/kargo/default-branch";
    private static final int REMEMBERED_SUBSCRIPTIONS = 1_000;

    private final BareRepositoryCache cache;
    private final CredentialsProvider credentials;
    private final GitTransportRetry retry;
    private final Cache<GitSubscription, Selection> previous =
            Caffeine.newBuilder().maximumSize(REMEMBERED_SUBSCRIPTIONS).build();
    private final LongAdder fetches = new LongAdder();

    /**
     * @param cacheDirectory where the bare repositories are kept (created when missing)
     */
    public GitSubscriber(Path cacheDirectory, CredentialsProvider credentials) {
        this(cacheDirectory, credentials, GitTransportRetry.DEFAULT);
    }

    /**
     * @param retry how often the {@code ls-remote} and the fetch are tried again after a transient failure
     */
    public GitSubscriber(Path cacheDirectory, CredentialsProvider credentials, GitTransportRetry retry) {
        this.cache = new BareRepositoryCache(cacheDirectory);
        this.credentials = credentials;
        this.retry = retry;
    }

    /**
     * @throws DiscoveryException naming the repository: not reachable (after the retries), access refused, branch
     *                            missing, ...
     */
    @Override
    public List<DiscoveredCommit> discover(GitSubscription subscription) throws DiscoveryException {
        return discover(subscription, credentials);
    }

    @Override
    public List<DiscoveredCommit> discover(GitSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        GitRemote remote = GitRemote.of(subscription, credentials);
        try (BareRepositoryCache.Cached cached = cache.open(remote.display())) {
            Repository repository = cached.repository();
            Observed observed = observe(subscription, remote, repository);
            Selection last = previous.getIfPresent(subscription);
            if (last != null && last.observed().equals(observed)) {
                return last.commits();
            }
            if (!cached.hasAll(observed.ids())) {
                fetch(subscription, remote, repository, observed);
            }
            CommitSelection selection = new CommitSelection(repository, subscription);
            List<DiscoveredCommit> commits = List.copyOf(observed.branchHead() != null
                    ? selection.fromBranch(observed.branchHead())
                    : selection.fromTags(observed.tags(),
                            subscription.commitSelectionStrategy() == CommitSelectionStrategy.NewestTag));
            previous.put(subscription, new Selection(observed, commits));
            return commits;
        } catch (GitTransportRetry.AttemptsExhausted e) {
            throw new DiscoveryException("git repository " + remote.display() + ": not reachable: " + e.getMessage()
                    + ", the last with: " + remote.describe(e.lastCause()), e);
        } catch (TransportException e) {
            throw new DiscoveryException("git repository " + remote.display() + ": " + remote.describe(e)
                    + (remote.authenticated() ? "; check that the configured git credentials may read it"
                    : "; check the URL, and configure git credentials if the repository is private"), e);
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new DiscoveryException("git repository " + remote.display() + ": discovery failed: "
                    + remote.describe(e), e);
        }
    }

    /** How many fetches this subscriber made: the cost the {@code ls-remote} check saves. */
    long fetches() {
        return fetches.sum();
    }

    /**
     * What the {@code ls-remote} shows of the refs this subscription selects from. For the tag strategies, the
     * tags the subscription's filters admit, in Kargo's preference order (by name: SemVer, Lexical; by creation
     * date, which only the objects tell: NewestTag).
     */
    private Observed observe(GitSubscription subscription, GitRemote remote, Repository repository)
            throws GitAPIException, IOException, DiscoveryException {
        CommitSelectionStrategy strategy = subscription.commitSelectionStrategy();
        // a named branch needs only refs/heads/ (protocol v2 filters on the server); the default branch needs HEAD
        Map<String, Ref> refs = retry.call(() -> remote.configure(Git.wrap(repository).lsRemote()
                .setRemote(remote.url()).setTags(strategy.selectsTags())
                .setHeads(!strategy.selectsTags() && !subscription.branch().isEmpty())).callAsMap());
        if (!strategy.selectsTags()) {
            String name = subscription.branch().isEmpty() ? Constants.HEAD : Constants.R_HEADS + subscription.branch();
            Ref head = refs.get(name);
            if (head == null || head.getObjectId() == null) {
                throw new DiscoveryException("git repository " + remote.display() + ": " + (subscription.branch()
                        .isEmpty() ? "has no default branch (is it empty?)" : "has no branch '" + subscription.branch()
                        + "'; branches: " + branches(refs)));
            }
            return new Observed(head.getObjectId(), Map.of());
        }
        Map<String, ObjectId> ids = new LinkedHashMap<>();
        refs.forEach((name, ref) -> ids.put(name.substring(Constants.R_TAGS.length()), ref.getObjectId()));
        TagFilter filter = TagFilter.of(subscription.allowTagsRegexes(), subscription.ignoreTagsRegexes());
        List<String> ordered = switch (strategy) {
            case SemVer -> TagOrder.bySemver(ids.keySet(), filter, SemverRange.parse(subscription.semverConstraint()),
                    subscription.strictSemvers());
            case Lexical -> TagOrder.lexical(ids.keySet(), filter);
            default -> ids.keySet().stream().filter(filter::allows).sorted().toList();
        };
        Map<String, ObjectId> tags = new LinkedHashMap<>();
        ordered.forEach(tag -> tags.put(tag, ids.get(tag)));
        return new Observed(null, tags);
    }

    private static String branches(Map<String, Ref> refs) {
        List<String> names = refs.keySet().stream().filter(n -> n.startsWith(Constants.R_HEADS))
                .map(n -> n.substring(Constants.R_HEADS.length())).sorted().toList();
        return names.isEmpty() ? "none" : String.join(", ", names.subList(0, Math.min(10, names.size())))
                + (names.size() > 10 ? ", ..." : "");
    }

    /** Brings the subscription's refs into the cache: its branch, or every tag (tags deleted upstream are pruned). */
    private void fetch(GitSubscription subscription, GitRemote remote, Repository repository, Observed observed)
            throws GitAPIException, IOException {
        RefSpec spec;
        if (observed.branchHead() == null) {
            spec = new RefSpec("+" + Constants.R_TAGS + "*:" + Constants.R_TAGS + "*");
        } else if (subscription.branch().isEmpty()) {
            spec = new RefSpec("+" + Constants.HEAD + ":" + DEFAULT_BRANCH_REF);
        } else {
            String branch = Constants.R_HEADS + subscription.branch();
            spec = new RefSpec("+" + branch + ":" + branch);
        }
        retry.call(() -> remote.configure(Git.wrap(repository).fetch().setRemote(remote.url()).setRefSpecs(spec)
                .setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(true)).call());
        fetches.increment();
    }

    /** The refs one discovery selected from: a branch head, or tags in preference order. */
    private record Observed(ObjectId branchHead, Map<String, ObjectId> tags) {

        List<ObjectId> ids() {
            return branchHead != null ? List.of(branchHead) : List.copyOf(tags.values());
        }
    }

    private record Selection(Observed observed, List<DiscoveredCommit> commits) {
    }
}
