package io.jenkins.plugins.kargo.plugin.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import io.jenkins.plugins.kargo.plugin.history.RunRecord;
import io.jenkins.plugins.kargo.plugin.steps.KargoPromoteStep;
import io.jenkins.plugins.kargo.plugin.steps.PromoteExecution;
import java.util.function.Function;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * "Kargo: promote Freight into a stage" for freestyle jobs: the same execution as {@code kargoPromote}, waited for
 * in the build. A manual stage is approved by the person who starts the build by hand (see the help).
 */
public final class KargoPromoteBuilder extends KargoBuilder {

    private final KargoPromoteStep step;

    @DataBoundConstructor
    public KargoPromoteBuilder(String project, String stage) {
        this.step = new KargoPromoteStep(project, stage);
    }

    public String getProject() {
        return step.getProject();
    }

    public String getStage() {
        return step.getStage();
    }

    public String getFreight() {
        return step.getFreight();
    }

    @DataBoundSetter
    public void setFreight(String freight) {
        step.setFreight(freight);
    }

    public String getFreightAlias() {
        return step.getFreightAlias();
    }

    @DataBoundSetter
    public void setFreightAlias(String freightAlias) {
        step.setFreightAlias(freightAlias);
    }

    public boolean isLatest() {
        return step.isLatest();
    }

    @DataBoundSetter
    public void setLatest(boolean latest) {
        step.setLatest(latest);
    }

    public boolean isRollback() {
        return step.isRollback();
    }

    @DataBoundSetter
    public void setRollback(boolean rollback) {
        step.setRollback(rollback);
    }

    public String getWarehouse() {
        return step.getWarehouse();
    }

    @DataBoundSetter
    public void setWarehouse(String warehouse) {
        step.setWarehouse(warehouse);
    }

    @Override
    Function<StepContext, StepExecution> execution() throws AbortException {
        var request = step.request();
        return context -> new PromoteExecution(context, request, JenkinsDelivery.SOURCE, StarterGate.BUILD_STARTER,
                RunRecord.Access.RUN);
    }

    @Extension
    @Symbol("kargoPromoteBuilder")
    public static final class DescriptorImpl extends KargoBuilderDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kargo: promote Freight into a stage";
        }
    }
}
