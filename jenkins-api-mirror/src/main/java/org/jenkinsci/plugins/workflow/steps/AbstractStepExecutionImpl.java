// Mirror (compile-only, never shipped) of jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/AbstractStepExecutionImpl.java at 0773c3c68734: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class AbstractStepExecutionImpl extends StepExecution {
    protected AbstractStepExecutionImpl(@NonNull StepContext context) {
        super(context);
    }

    private static final long serialVersionUID = 1L;
}
