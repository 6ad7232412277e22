package io.jenkins.plugins.kargo.plugin.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import io.jenkins.plugins.kargo.plugin.steps.DiscoverExecution;
import io.jenkins.plugins.kargo.plugin.steps.KargoDiscoverStep;
import java.util.function.Function;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** "Kargo: discover new Freight" for freestyle jobs: the same execution as {@code kargoDiscover}. */
public final class KargoDiscoverBuilder extends KargoBuilder {

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
    Function<StepContext, StepExecution> execution() throws AbortException {
        var request = step.request();
        return context -> new DiscoverExecution(context, request, JenkinsDelivery.SOURCE);
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
