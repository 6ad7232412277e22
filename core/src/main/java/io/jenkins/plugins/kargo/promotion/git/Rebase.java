package io.jenkins.plugins.kargo.promotion.git;

import io.jenkins.plugins.kargo.git.LazyCheckout;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Replays the commits of HEAD that an upstream commit lacks on top of it, as {@code git rebase} does, and drops a
 * commit whose change the upstream already has instead of keeping it empty. The replay runs in the object database:
 * a commit's changed paths are written onto the upstream's tree ({@link TreeEdit}) when the upstream left those paths
 * as the commit found them, which costs what the commit changed; only when both sides changed one path does it fall
 * back to a three-way merge of the trees (which merges the lines of a file). The working tree is then brought to the
 * result, touching only the files written that differ.
 */
final class Rebase {

    /** Two commits changed the same lines: a person has to decide. */
    static final class ConflictException extends Exception {
        ConflictException(String message) {
            super(message);
        }
    }

    /** The new HEAD and how many local commits were replayed and dropped. */
    record Result(ObjectId head, int replayed, int dropped) {
    }

    private Rebase() {
    }

    static Result onto(Repository repo, ObjectId upstream) throws IOException, ConflictException {
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit head = walk.parseCommit(repo.resolve(Constants.HEAD));
            RevCommit tip = walk.parseCommit(upstream);
            RevTree headTree = head.getTree();
            walk.reset();
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(head);
            walk.markUninteresting(tip);
            List<RevCommit> local = new ArrayList<>();
            walk.forEach(local::add);
            int replayed = 0;
            int dropped = 0;
            ObjectId newHead = tip;
            RevTree newTree = tip.getTree();
            for (RevCommit commit : local) {
                if (commit.getParentCount() > 1) {
                    continue; // git rebase drops merges too; their changes come with the replayed commits
                }
                RevTree base = commit.getParentCount() == 1 ? walk.parseCommit(commit.getParent(0)).getTree() : null;
                ObjectId tree = replay(walk.getObjectReader(), inserter, base, commit.getTree(), newTree);
                if (tree == null) {
                    tree = merge(repo, base, newHead, commit);
                }
                if (tree.equals(newTree)) {
                    dropped++;
                    continue;
                }
                CommitBuilder builder = new CommitBuilder();
                builder.setTreeId(tree);
                builder.setParentId(newHead);
                builder.setAuthor(commit.getAuthorIdent());
                builder.setCommitter(new PersonIdent(commit.getCommitterIdent(), Instant.now()));
                builder.setMessage(commit.getFullMessage());
                newHead = inserter.insert(builder);
                inserter.flush();
                newTree = walk.parseTree(tree);
                replayed++;
            }
            RefUpdate update = repo.updateRef(Constants.HEAD);
            update.setExpectedOldObjectId(head);
            update.setNewObjectId(newHead);
            RefUpdate.Result result = update.forceUpdate();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD
                    && result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.NEW) {
                throw new IOException("could not move HEAD to the rebased commit: " + result);
            }
            LazyCheckout.move(repo, headTree, newTree);
            return new Result(newHead, replayed, dropped);
        }
    }

    /**
     * {@code upstream} with the paths {@code base} → {@code commit} changed set as {@code commit} has them, or null
     * when the upstream changed one of those paths too (or put a file where a directory is): a merge must decide.
     * Only the subtrees that differ between {@code base} and {@code commit} are read.
     */
    private static ObjectId replay(ObjectReader reader, ObjectInserter inserter, RevTree base, RevTree commit,
                                   RevTree upstream) throws IOException {
        List<TreeEdit.Change> changes = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            if (base != null) {
                walk.addTree(base);
            } else {
                walk.addTree(new EmptyTreeIterator());
            }
            walk.addTree(commit);
            walk.addTree(upstream);
            walk.setRecursive(true);
            walk.setFilter(CHANGED_BY_COMMIT);
            while (walk.next()) {
                boolean upstreamAsBase = walk.getRawMode(2) == walk.getRawMode(0) && walk.idEqual(2, 0);
                boolean upstreamAsCommit = walk.getRawMode(2) == walk.getRawMode(1) && walk.idEqual(2, 1);
                if (upstreamAsCommit) {
                    continue; // the upstream already has this change
                }
                if (!upstreamAsBase) {
                    return null;
                }
                changes.add(walk.getRawMode(1) == 0 ? TreeEdit.Change.delete(walk.getPathString())
                        : new TreeEdit.Change(walk.getPathString(), walk.getFileMode(1), walk.getObjectId(1)));
            }
        }
        try {
            return TreeEdit.apply(reader, inserter, upstream, changes);
        } catch (TreeEdit.PathConflict e) {
            return null;
        }
    }

    /** Paths (and the subtrees holding them) that differ between the walk's first two trees, the commit's change. */
    private static final TreeFilter CHANGED_BY_COMMIT = new TreeFilter() {
        @Override
        public boolean include(TreeWalk walk) {
            return walk.getRawMode(0) != walk.getRawMode(1) || !walk.idEqual(0, 1);
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    };

    /** A three-way merge of {@code commit}'s change onto {@code onto}, which merges the lines of a file both changed. */
    private static ObjectId merge(Repository repo, RevTree base, ObjectId onto, RevCommit commit)
            throws IOException, ConflictException {
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
        if (base != null) {
            merger.setBase(base);
        }
        if (!merger.merge(onto, commit)) {
            throw new ConflictException("commit " + commit.abbreviate(7).name() + " (" + commit.getShortMessage()
                    + ") conflicts with the branch in " + String.join(", ", merger.getUnmergedPaths()));
        }
        return merger.getResultTreeId();
    }
}
