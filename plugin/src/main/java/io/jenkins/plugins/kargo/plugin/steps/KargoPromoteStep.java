package io.jenkins.plugins.kargo.plugin.steps;

import io.jenkins.plugins.kargo.plugin.engine.FreightChoice;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.kargo.plugin.engine.JenkinsDelivery;
import io.jenkins.plugins.kargo.plugin.gate.InputGate;
import io.jenkins.plugins.kargo.plugin.history.RunRecord;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code kargoPromote(project: 'myapp', stage: 'uat', freightAlias: 'icy-sparrow')}: promotes one Freight into a
 * stage through the engine and waits, without an executor, for the promotion and the verification that follows.
 * A manual stage first waits on a Jenkins {@code input}; so does a verification that waits for a person.
 */
public final class KargoPromoteStep extends StageStep {

    private String freight;
    private String freightAlias;
    private boolean latest;
    private boolean rollback;
    private String warehouse;

    @DataBoundConstructor
    public KargoPromoteStep(String project, String stage) {
        super(project, stage);
    }

    public String getFreight() {
        return freight;
    }

    /** The Freight's name (its ID). */
    @DataBoundSetter
    public void setFreight(String freight) {
        this.freight = StepArguments.optional(freight);
    }

    public String getFreightAlias() {
        return freightAlias;
    }

    @DataBoundSetter
    public void setFreightAlias(String freightAlias) {
        this.freightAlias = StepArguments.optional(freightAlias);
    }

    public boolean isLatest() {
        return latest;
    }

    /** The newest Freight available to the stage. */
    @DataBoundSetter
    public void setLatest(boolean latest) {
        this.latest = latest;
    }

    public boolean isRollback() {
        return rollback;
    }

    /** The Freight of the stage's previous successful promotion in this job's history. */
    @DataBoundSetter
    public void setRollback(boolean rollback) {
        this.rollback = rollback;
    }

    public String getWarehouse() {
        return warehouse;
    }

    /** With {@code latest: true}: only Freight from this warehouse. */
    @DataBoundSetter
    public void setWarehouse(String warehouse) {
        this.warehouse = StepArguments.optional(warehouse);
    }

    /** The arguments checked: the project, the stage and one choice of Freight. */
    public PromoteRequest request() throws AbortException {
        try {
            return new PromoteRequest(StepArguments.required("project", getProject()),
                    StepArguments.required("stage", getStage()),
                    FreightChoice.of(freight, freightAlias, latest, rollback, warehouse), getSubmitter());
        } catch (IllegalArgumentException e) {
            throw new AbortException("kargoPromote: " + e.getMessage());
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new PromoteExecution(context, request(), JenkinsDelivery.SOURCE, InputGate.Opener.INPUT,
                RunRecord.Access.RUN);
    }

    @Extension
    @Symbol("kargoPromote")
    public static final class DescriptorImpl extends KargoStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kargoPromote";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kargo: promote Freight into a stage";
        }
    }
}
