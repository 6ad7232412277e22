package io.jenkins.plugins.kargo.plugin.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import java.io.IOException;
import java.util.function.Function;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A freestyle build step that is a Pipeline step run in the build: each builder holds the step (its arguments and
 * their checks) and names the step's execution; running it and waiting for its end is done here once.
 */
abstract class KargoBuilder extends Builder implements SimpleBuildStep {

    /**
     * The step's execution, its arguments checked now: a bad argument fails the build before the engine is asked.
     *
     * @throws AbortException naming the argument
     */
    abstract Function<StepContext, StepExecution> execution() throws AbortException;

    /** The engine works on the controller: no workspace, no executor of its own. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        BuildSteps.run(run, listener, execution());
    }
}
