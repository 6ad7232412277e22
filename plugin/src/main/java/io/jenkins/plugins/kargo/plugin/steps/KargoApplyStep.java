package io.jenkins.plugins.kargo.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kargo.plugin.config.KargoConfiguration;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import io.jenkins.plugins.kargo.plugin.history.RunRecord;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code kargoApply(path: 'kargo')}, inside {@code node}: validates the Kargo YAML of the workspace (checked out
 * with the job's SCM) and stores its projects, as {@code kargo apply -f}. The other steps use what was applied.
 */
public final class KargoApplyStep extends Step {

    private String path;

    @DataBoundConstructor
    public KargoApplyStep() {
    }

    public String getPath() {
        return path;
    }

    /** A directory or file in the workspace; empty: the global configuration's (default {@code kargo}). */
    @DataBoundSetter
    public void setPath(String path) {
        this.path = StepArguments.optional(path);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        String where = path != null ? path : KargoConfiguration.get().getConfigurationPath();
        return new ApplyExecution(context, where, JenkinsDelivery.SOURCE, RunRecord.Access.RUN);
    }

    @Extension
    @Symbol("kargoApply")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "kargoApply";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kargo: apply the project's configuration from the workspace";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }
    }
}
