// Mirror (compile-only, never shipped) of jenkinsci/pipeline-input-step-plugin src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/InputStep.java at d2b888dfb50d: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci.plugins.workflow.support.steps.input;

import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.AbstractStepImpl;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

public class InputStep extends AbstractStepImpl implements Serializable {
    @DataBoundConstructor
    public InputStep(String message) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @DataBoundSetter
    public void setId(String id) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public String getId() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public String getSubmitter() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @DataBoundSetter public void setSubmitter(String submitter) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @DataBoundSetter public void setSubmitterParameter(String submitterParameter) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @DataBoundSetter public void setCancel(String cancel) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @DataBoundSetter public void setOk(String ok) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public String getMessage() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override public StepExecution start(StepContext context) throws Exception {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
