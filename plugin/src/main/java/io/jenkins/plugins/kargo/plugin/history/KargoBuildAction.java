package io.jenkins.plugins.kargo.plugin.history;

import hudson.model.Run;
import jenkins.model.RunAction2;

/**
 * What a Kargo step did to a stage of a project, kept in the build and shown in its summary ({@code summary.jelly});
 * the project of a job's newest one is the project its Freight view shows.
 */
public abstract class KargoBuildAction implements RunAction2 {

    private final String project;
    private final String stage;
    private transient Run<?, ?> run;

    protected KargoBuildAction(String project, String stage) {
        this.project = project;
        this.stage = stage;
    }

    public final String getProject() {
        return project;
    }

    public final String getStage() {
        return stage;
    }

    public final Run<?, ?> getRun() {
        return run;
    }

    @Override
    public final void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public final void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** Shown in the build's summary only. */
    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getUrlName() {
        return null;
    }
}
