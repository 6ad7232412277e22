package io.jenkins.plugins.kargo.plugin.view;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.kargo.plugin.history.KargoBuildAction;
import io.jenkins.plugins.kargo.plugin.history.PromotionHistory;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Adds the Freight view to every job that delivers a Kargo project: the project of the newest Kargo step among its
 * last builds.
 */
@Extension
public final class FreightViewActionFactory extends TransientActionFactory<Job> {

    /** How many of the newest builds are looked at for the project a job delivers. */
    static final int BUILDS = 10;

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return FreightViewAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        Job<?, ?> job = target;
        String project = project(job);
        if (project == null) {
            return List.of();
        }
        JobApi api = new JobApi(project, () -> JenkinsGates.of(job),
                (p, stage) -> PromotionHistory.of(PromotionHistory.builds(job), p, stage, -1), FreightViewApi.of());
        return List.of(new FreightViewAction(job, project, new ViewEndpoint(FreightViewApi.ASSETS,
                FreightViewActionFactory.class.getClassLoader(), api)));
    }

    private static String project(Job<?, ?> job) {
        Run<?, ?> run = job.getLastBuild();
        for (int i = 0; run != null && i < BUILDS; i++, run = run.getPreviousBuild()) {
            KargoBuildAction action = run.getAction(KargoBuildAction.class);
            if (action != null) {
                return action.getProject();
            }
        }
        return null;
    }
}
