package io.jenkins.plugins.kargo.application.view;

import java.util.List;
import java.util.Optional;

/**
 * What promoting a Freight into a stage would do, for a person to confirm: each artifact's version now and after,
 * the commit each git-writing step would push (by a dry run of the stage's steps: nothing is pushed), and the
 * verification that would follow.
 *
 * @param availability whether the Freight may be promoted there now (a rollback may promote it all the same)
 * @param steps        the dry run's step log: steps that act outside the working directory (an Argo CD sync, an
 *                     HTTP call) are listed as Skipped, not run
 * @param phase        how the dry run ended (Succeeded, Failed, Errored): a failure here is likely the promotion's too
 * @param message      why it did not succeed; empty when it did
 * @param verification the analysis templates the stage's verification runs after the promotion
 */
public record PromotionPreview(String project, String stage, FreightRef freight, StageAvailability availability,
                               List<Change> changes, List<Commit> commits, List<StepLine> steps, String phase,
                               String message, List<String> verification) {

    public PromotionPreview {
        changes = List.copyOf(changes);
        commits = List.copyOf(commits);
        steps = List.copyOf(steps);
        verification = List.copyOf(verification);
    }

    /**
     * An artifact's version in the stage now ({@code from}; empty when the stage has none of it) and after.
     *
     * @param repository as {@link FreightCard.Artifact#repository()}
     */
    public record Change(String kind, String repository, Optional<String> from, String to) {
    }

    /**
     * What a {@code git-push} step would push.
     *
     * @param repository the repository's URL, without credentials
     * @param paths      the files the commit changes
     * @param diff       their unified diff against the branch as it is now (empty: the branch has them already)
     */
    public record Commit(String repository, String branch, List<String> paths, String diff) {
        public Commit {
            paths = List.copyOf(paths);
        }
    }
}
