package io.jenkins.plugins.kargo.plugin.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import io.jenkins.plugins.kargo.plugin.history.RunRecord;
import io.jenkins.plugins.kargo.plugin.steps.KargoVerifyStep;
import io.jenkins.plugins.kargo.plugin.steps.VerifyExecution;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** "Kargo: verify a stage again" for freestyle jobs: the same execution as {@code kargoVerify}. */
public final class KargoVerifyBuilder extends Builder implements SimpleBuildStep {

    private final KargoVerifyStep step;

    @DataBoundConstructor
    public KargoVerifyBuilder(String project, String stage) {
        this.step = new KargoVerifyStep(project, stage);
    }

    public String getProject() {
        return step.getProject();
    }

    public String getStage() {
        return step.getStage();
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        var request = step.request();
        BuildSteps.run(run, listener, context -> new VerifyExecution(context, request, JenkinsDelivery.SOURCE,
                StarterGate.BUILD_STARTER, RunRecord.Access.RUN));
    }

    @Extension
    @Symbol("kargoVerifyBuilder")
    public static final class DescriptorImpl extends KargoBuilderDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kargo: verify a stage again";
        }
    }
}
