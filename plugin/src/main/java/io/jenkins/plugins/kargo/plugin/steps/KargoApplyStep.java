package io.jenkins.plugins.kargo.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
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
 * with the job's SCM) and stores its projects, as {@code kargo apply -f}. {@code kargoApply(source: 'git')}, anywhere:
 * the same from the global configuration's project source (a path on a branch of a git repository). The other steps
 * use what was applied.
 */
public final class KargoApplyStep extends Step {

    /** Where the YAML is read from: the workspace (default) or the global configuration's git project source. */
    public static final String WORKSPACE = "workspace";
    public static final String GIT = "git";

    private String path;
    private String source = WORKSPACE;

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

    public String getSource() {
        return source;
    }

    /**
     * {@code workspace} or {@code git}.
     *
     * @throws IllegalArgumentException naming the argument and the values it takes
     */
    @DataBoundSetter
    public void setSource(String source) {
        String s = StepArguments.optional(source);
        if (s != null && !s.equals(WORKSPACE) && !s.equals(GIT)) {
            throw new IllegalArgumentException("source '" + s + "' is not one of workspace, git");
        }
        this.source = s == null ? WORKSPACE : s;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        KargoConfiguration config = KargoConfiguration.get();
        if (source.equals(GIT)) {
            if (path != null) {
                throw new IllegalArgumentException("path and source: 'git' do not go together: the path in the "
                        + "repository is the project source's (Manage Jenkins > System > Kargo)");
            }
            if (config.getProjectSource() == null) {
                throw new AbortException("kargoApply(source: 'git') needs a project source: set the repository in "
                        + "Manage Jenkins > System > Kargo > Project source (JCasC: unclassified.kargo.projectSource)");
            }
            return ApplyExecution.fromGit(context, config.getProjectSource(), JenkinsDelivery.SOURCE,
                    RunRecord.Access.RUN);
        }
        String where = path != null ? path : config.getConfigurationPath();
        return ApplyExecution.fromWorkspace(context, where, JenkinsDelivery.SOURCE, RunRecord.Access.RUN);
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
            return "Kargo: apply the project's configuration (workspace or git)";
        }

        public ListBoxModel doFillSourceItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(WORKSPACE);
            items.add(GIT);
            return items;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // a workspace only for source: 'workspace', which the execution checks
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
