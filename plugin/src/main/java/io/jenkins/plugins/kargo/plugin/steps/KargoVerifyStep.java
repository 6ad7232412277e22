package io.jenkins.plugins.kargo.plugin.steps;

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

/**
 * {@code kargoVerify(project: 'myapp', stage: 'preprod')}: runs the stage's verification again for its current
 * Freight and waits, without an executor, for its result; a verification that asks a person waits on an input.
 */
public final class KargoVerifyStep extends StageStep {


    @DataBoundConstructor
    public KargoVerifyStep(String project, String stage) {
        super(project, stage);
    }

    public VerifyRequest request() throws AbortException {
        try {
            return new VerifyRequest(StepArguments.required("project", getProject()),
                    StepArguments.required("stage", getStage()), getSubmitter());
        } catch (IllegalArgumentException e) {
            throw new AbortException("kargoVerify: " + e.getMessage());
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new VerifyExecution(context, request(), JenkinsDelivery.SOURCE, InputGate.Opener.INPUT,
                RunRecord.Access.RUN);
    }

    @Extension
    @Symbol("kargoVerify")
    public static final class DescriptorImpl extends KargoStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kargoVerify";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Kargo: verify a stage again";
        }
    }
}
