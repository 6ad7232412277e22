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
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Replays the commits of HEAD that an upstream commit lacks on top of it, as {@code git rebase} does, and drops a
 * commit whose change the upstream already has instead of keeping it empty. The replay runs in memory (three-way
 * merges of trees); the working tree is then brought to the result, touching only the files written that differ.
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
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
                if (commit.getParentCount() == 1) {
                    merger.setBase(walk.parseCommit(commit.getParent(0)).getTree());
                }
                if (!merger.merge(newHead, commit)) {
                    throw new ConflictException("commit " + commit.abbreviate(7).name() + " (" + commit.getShortMessage()
                            + ") conflicts with the branch in " + String.join(", ", merger.getUnmergedPaths()));
                }
                ObjectId tree = merger.getResultTreeId();
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
}
