package io.jenkins.plugins.kargo.plugin.builders;

import hudson.model.AbstractProject;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.kargo.plugin.steps.StepArguments;
import org.kohsuke.stapler.QueryParameter;

/** What the Kargo build steps' descriptors share: any job type, and the steps' checks of the names they take. */
public abstract class KargoBuilderDescriptor extends BuildStepDescriptor<Builder> {

    @Override
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }

    public FormValidation doCheckProject(@QueryParameter String value) {
        return StepArguments.checkRequired("project", value);
    }

    public FormValidation doCheckStage(@QueryParameter String value) {
        return StepArguments.checkRequired("stage", value);
    }

    public FormValidation doCheckFreight(@QueryParameter String freight, @QueryParameter String freightAlias,
                                         @QueryParameter boolean latest, @QueryParameter boolean rollback,
                                         @QueryParameter String warehouse) {
        return StepArguments.checkChoice(freight, freightAlias, latest, rollback, warehouse);
    }
}
