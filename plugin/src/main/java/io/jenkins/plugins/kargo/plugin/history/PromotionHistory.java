package io.jenkins.plugins.kargo.plugin.history;

import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;

/** The promotions a job's builds made, read from their {@link PromotionAction}s. */
public final class PromotionHistory {

    /** One build as the history reads it. */
    public record Build(int number, String url, List<PromotionAction> promotions) {
    }

    private PromotionHistory() {
    }

    /**
     * The promotions of a project's stage, newest first (the newest build first, and in a build its last
     * promotion first), skipping build {@code skip} (the build asking).
     */
    public static List<PastPromotion> of(Iterable<Build> newestFirst, String project, String stage, int skip) {
        List<PastPromotion> past = new ArrayList<>();
        for (Build build : newestFirst) {
            if (build.number() == skip) {
                continue;
            }
            List<PromotionAction> promotions = build.promotions();
            for (int i = promotions.size() - 1; i >= 0; i--) {
                PromotionAction a = promotions.get(i);
                if (a.getProject().equals(project) && a.getStage().equals(stage)) {
                    past.add(new PastPromotion(build.number(), build.url(), a.getProject(), a.getStage(),
                            a.getFreight(), a.getFreightAlias(), a.getVersions(), a.getResult()));
                }
            }
        }
        return past;
    }

    /** A job's builds, newest first, as the history reads them; builds load lazily as the walk goes on. */
    public static Iterable<Build> builds(Job<?, ?> job) {
        return () -> new java.util.Iterator<>() {
            private Run<?, ?> next = job.getLastBuild();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Build next() {
                Run<?, ?> run = next;
                if (run == null) {
                    throw new java.util.NoSuchElementException();
                }
                next = run.getPreviousBuild();
                return new Build(run.getNumber(), run.getUrl(), run.getActions(PromotionAction.class));
            }
        };
    }
}
