// Mirror (compile-only, never shipped) of jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/FlowInterruptedException.java at 0773c3c68734: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;
import java.util.List;
import jenkins.model.CauseOfInterruption;

public final class FlowInterruptedException extends InterruptedException {
    private final @NonNull Result result;
    private final @NonNull List<CauseOfInterruption> causes;

    public FlowInterruptedException(@NonNull Result result, @NonNull CauseOfInterruption... causes) {
        this.result = result;
        this.causes = List.of(causes);
    }

    public @NonNull Result getResult() {
        return result;
    }

    public @NonNull List<CauseOfInterruption> getCauses() {
        return causes;
    }

    private static final long serialVersionUID = 630482382622970136L;
}
