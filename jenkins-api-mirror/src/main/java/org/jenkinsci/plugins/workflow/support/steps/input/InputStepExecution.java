// Mirror (compile-only, never shipped) of jenkinsci/pipeline-input-step-plugin src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/InputStepExecution.java at d2b888dfb50d: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci.plugins.workflow.support.steps.input;

import hudson.model.ModelObject;
import hudson.model.Run;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.interceptor.RequirePOST;

public class InputStepExecution extends AbstractStepExecutionImpl implements ModelObject {
    InputStepExecution(InputStep input, StepContext context) {
        super(context);
    }

    @Override
    public boolean start() throws Exception {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public String getId() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public InputStep getInput() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public Run<?, ?> getRun() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public boolean isSettled() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @RequirePOST
    public HttpResponse doProceedEmpty() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @RequirePOST
    public HttpResponse doAbort() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    private static final long serialVersionUID = 1L;
}
