package io.jenkins.plugins.kargo.discovery.git;

import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.discovery.DiscoveredCommit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Picks the commits of one subscription from objects already in a local repository, best first, at most
 * {@code discoveryLimit}, as Kargo's selectors do ({@code pkg/controller/git/commit/*}).
 */
final class CommitSelection {

    /** Kargo keeps subjects short so that Freight stays small: 77 characters and "...". */
    static final int MAX_SUBJECT = 80;

    private final Repository repository;
    private final GitSubscription subscription;
    private final PathSelectors paths;
    private final int limit;

    CommitSelection(Repository repository, GitSubscription subscription) {
        this.repository = repository;
        this.subscription = subscription;
        this.paths = PathSelectors.of(subscription.includePaths(), subscription.excludePaths());
        this.limit = subscription.discoveryLimit() > 0 ? subscription.discoveryLimit() : Integer.MAX_VALUE;
    }

    /**
     * NewestFromBranch: the branch's first-parent history from {@code head}, newest first (git's
     * {@code log --first-parent}), keeping the commits that change a selected path.
     */
    List<DiscoveredCommit> fromBranch(ObjectId head) throws IOException {
        List<DiscoveredCommit> found = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                if (changesSelectedPath(walk, commit)) {
                    found.add(discovered(commit, subscription.branch(), "", when(commit)));
                    if (found.size() >= limit) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    /**
     * The tag strategies: the commits of {@code tags} in the given order (SemVer, Lexical) or by creation date
     * (NewestTag), keeping those whose commit changes a selected path. Tags of anything but a commit are skipped.
     *
     * @param tags tag name to the object it names (an annotated tag or a commit), in preference order
     */
    List<DiscoveredCommit> fromTags(Map<String, ObjectId> tags, boolean byCreationDate) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            List<TaggedCommit> tagged = new ArrayList<>();
            for (Map.Entry<String, ObjectId> tag : tags.entrySet()) {
                RevObject object = walk.parseAny(tag.getValue());
                if (walk.peel(object) instanceof RevCommit commit) {
                    walk.parseBody(commit);
                    tagged.add(new TaggedCommit(tag.getKey(), commit, creationDate(object, commit)));
                }
            }
            if (byCreationDate) {
                // as git's for-each-ref --sort=-creatordate: newest first, then by name
                tagged.sort(Comparator.comparing(TaggedCommit::created).reversed()
                        .thenComparing(TaggedCommit::name));
            }
            List<DiscoveredCommit> found = new ArrayList<>();
            for (TaggedCommit t : tagged) {
                if (changesSelectedPath(walk, t.commit())) {
                    found.add(discovered(t.commit(), "", t.name(), t.created()));
                    if (found.size() >= limit) {
                        break;
                    }
                }
            }
            return found;
        }
    }

    private record TaggedCommit(String name, RevCommit commit, Instant created) {
    }

    /** The tagger's date of an annotated tag, else the commit's date (git's {@code creatordate}). */
    private static Instant creationDate(RevObject tagObject, RevCommit commit) {
        if (tagObject instanceof RevTag tag && tag.getTaggerIdent() != null) {
            return tag.getTaggerIdent().getWhenAsInstant();
        }
        return when(commit);
    }

    private boolean changesSelectedPath(RevWalk walk, RevCommit commit) throws IOException {
        return paths.selectsAll() || paths.matches(changedPaths(walk, commit));
    }

    /**
     * The paths a commit changes against its first parent (every path of a root commit), renames as a deletion and
     * an addition: git's {@code show --name-status --no-renames --first-parent}.
     */
    private List<String> changedPaths(RevWalk walk, RevCommit commit) throws IOException {
        List<String> changed = new ArrayList<>();
        try (TreeWalk tree = new TreeWalk(walk.getObjectReader())) {
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            if (commit.getParentCount() == 0) {
                tree.addTree(new EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            }
            tree.addTree(commit.getTree());
            while (tree.next()) {
                changed.add(tree.getPathString());
            }
        }
        return changed;
    }

    private DiscoveredCommit discovered(RevCommit commit, String branch, String tag, Instant created) {
        String subject = commit.getShortMessage();
        if (subject.length() > MAX_SUBJECT) {
            subject = subject.substring(0, MAX_SUBJECT - 3) + "...";
        }
        return new DiscoveredCommit(subscription.repoURL(), commit.name(), branch, tag, subject,
                person(commit.getAuthorIdent()), person(commit.getCommitterIdent()), created);
    }

    private static Instant when(RevCommit commit) {
        return commit.getCommitterIdent().getWhenAsInstant();
    }

    /** {@code Name <email>}, as git's {@code %an <%ae>}. */
    private static String person(PersonIdent ident) {
        return ident.getName() + " <" + ident.getEmailAddress() + ">";
    }
}
