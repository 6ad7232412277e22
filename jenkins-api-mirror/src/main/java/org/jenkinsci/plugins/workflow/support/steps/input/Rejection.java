// Mirror (compile-only, never shipped) of jenkinsci/pipeline-input-step-plugin src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/Rejection.java at d2b888dfb50d: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci.plugins.workflow.support.steps.input;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.User;
import jenkins.model.CauseOfInterruption;

public final class Rejection extends CauseOfInterruption {
    private static final long serialVersionUID = 1;

    private final @CheckForNull String userName;

    public Rejection(@CheckForNull User u) {
        this.userName = u == null ? null : u.getId();
    }

    public @CheckForNull User getUser() {
        if (userName != null) {
            throw new UnsupportedOperationException("jenkins-api-mirror");
        }
        return null;
    }

    @Override public String getShortDescription() {
        return "Rejected";
    }
}
