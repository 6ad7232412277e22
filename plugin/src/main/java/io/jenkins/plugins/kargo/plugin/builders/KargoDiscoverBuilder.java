package io.jenkins.plugins.kargo.plugin.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import io.jenkins.plugins.kargo.plugin.steps.DiscoverExecution;
import io.jenkins.plugins.kargo.plugin.steps.KargoDiscoverStep;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** "Kargo: discover new Freight" for freestyle jobs: the same execution as {@code kargoDiscover}. */
public final class KargoDiscoverBuilder extends Builder implements SimpleBuildStep {

    private final KargoDiscoverStep step;

    @DataBoundConstructor
    public KargoDiscoverBuilder(String project) {
        this.step = new KargoDiscoverStep(project);
    }

    public String getProject() {
        return step.getProject();
    }

    public String getWarehouse() {
        return step.getWarehouse();
    }

    @DataBoundSetter
    public void setWarehouse(String warehouse) {
        step.setWarehouse(warehouse);
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        var request = step.request();
        BuildSteps.run(run, listener, context -> new DiscoverExecution(context, request, JenkinsDelivery.SOURCE));
    }

    @Extension
    @Symbol("kargoDiscoverBuilder")
    public static final class DescriptorImpl extends KargoBuilderDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kargo: discover new Freight";
        }
    }
}
