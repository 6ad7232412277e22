package io.jenkins.plugins.kargo.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def found = kargoDiscover(project: 'myapp', warehouse: 'services-warehouse')}: refreshes one warehouse (or
 * every warehouse of the project) now, prints what it found and returns the new Freight to the script.
 */
public final class KargoDiscoverStep extends Step {

    private final String project;
    private String warehouse;

    @DataBoundConstructor
    public KargoDiscoverStep(String project) {
        this.project = project;
    }

    public String getProject() {
        return project;
    }

    public String getWarehouse() {
        return warehouse;
    }

    /** One warehouse; every warehouse of the project when not given. */
    @DataBoundSetter
    public void setWarehouse(String warehouse) {
        this.warehouse = StepArguments.optional(warehouse);
    }

    public DiscoverRequest request() throws AbortException {
        try {
            return new DiscoverRequest(StepArguments.required("project", project), warehouse);
        } catch (IllegalArgumentException e) {
            throw new AbortException("kargoDiscover: " + e.getMessage());
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new DiscoverExecution(context, request(), JenkinsDelivery.SOURCE);
    }

    @Extension
    @Symbol("kargoDiscover")
    public static final class DescriptorImpl extends KargoStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kargoDiscover";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kargo: discover new Freight";
        }
    }
}
