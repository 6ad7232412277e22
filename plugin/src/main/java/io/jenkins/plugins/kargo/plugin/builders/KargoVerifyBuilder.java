package io.jenkins.plugins.kargo.plugin.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import io.jenkins.plugins.kargo.plugin.history.RunRecord;
import io.jenkins.plugins.kargo.plugin.steps.KargoVerifyStep;
import io.jenkins.plugins.kargo.plugin.steps.VerifyExecution;
import java.util.function.Function;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** "Kargo: verify a stage again" for freestyle jobs: the same execution as {@code kargoVerify}. */
public final class KargoVerifyBuilder extends KargoBuilder {

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
    Function<StepContext, StepExecution> execution() throws AbortException {
        var request = step.request();
        return context -> new VerifyExecution(context, request, JenkinsDelivery.SOURCE, StarterGate.BUILD_STARTER,
                RunRecord.Access.RUN);
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
