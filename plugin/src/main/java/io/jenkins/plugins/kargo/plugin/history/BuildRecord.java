package io.jenkins.plugins.kargo.plugin.history;

import hudson.model.Action;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** The build a step runs in, as the plugin writes to it and reads its job's history. */
public interface BuildRecord {

    int number();

    /** Who the engine records as acting for the build: the user who started it, else the build itself. */
    String actor();

    <A extends Action> List<A> actions(Class<A> type);

    /** Adds an action and saves the build. */
    void add(Action action) throws IOException;

    /** Saves the build after one of its actions changed. */
    void save() throws IOException;

    /** The builds of the job, newest first, as {@link PromotionHistory} reads them. */
    Iterable<PromotionHistory.Build> history();

    /** Finds the build of a step; serialisable, as the step's execution keeps it across restarts. */
    interface Access extends Serializable {
        BuildRecord of(StepContext context) throws IOException, InterruptedException;
    }
}
