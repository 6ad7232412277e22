// Mirror (compile-only, never shipped) of jenkinsci/pipeline-input-step-plugin src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/InputAction.java at d2b888dfb50d: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci.plugins.workflow.support.steps.input;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import jenkins.model.RunAction2;

public class InputAction implements RunAction2 {
    @Override
    public void onAttached(Run<?, ?> r) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public Run<?, ?> getRun() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public synchronized void add(@NonNull InputStepExecution step) throws IOException, InterruptedException, TimeoutException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public synchronized InputStepExecution getExecution(String id) throws InterruptedException, TimeoutException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public synchronized List<InputStepExecution> getExecutions() throws InterruptedException, TimeoutException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public synchronized void remove(InputStepExecution exec) throws IOException, InterruptedException, TimeoutException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
