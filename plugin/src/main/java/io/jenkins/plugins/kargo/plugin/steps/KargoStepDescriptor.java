package io.jenkins.plugins.kargo.plugin.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.QueryParameter;

/** What the Kargo steps' descriptors share: they need a build and its log, and check the names they take. */
public abstract class KargoStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    public FormValidation doCheckProject(@QueryParameter String value) {
        return StepArguments.checkRequired("project", value);
    }

    public FormValidation doCheckStage(@QueryParameter String value) {
        return StepArguments.checkRequired("stage", value);
    }

    /** The check of a promotion's one choice of Freight (promote's step and build step). */
    public FormValidation doCheckFreight(@QueryParameter String freight, @QueryParameter String freightAlias,
                                         @QueryParameter boolean latest, @QueryParameter boolean rollback,
                                         @QueryParameter String warehouse) {
        return StepArguments.checkChoice(freight, freightAlias, latest, rollback, warehouse);
    }
}
