package io.jenkins.plugins.kargo.application.command;

import java.util.List;

/**
 * A decision about a stage's Freight (approve, reject) by someone who is not among its approvers, the dashboard
 * ConfigMap's {@code rbac.adminUsers}. A face may report it as its own "forbidden" (the web API: 403).
 */
public final class NotAnApproverException extends CommandRefusedException {

    private static final long serialVersionUID = 1L;

    private final List<String> approvers;

    NotAnApproverException(String actor, String decision, String stage, List<String> approvers) {
        super(actor + " may not " + decision + " Freight in stage " + stage + ": only " + String.join(", ", approvers)
                + " may (the dashboard's rbac.adminUsers)");
        this.approvers = List.copyOf(approvers);
    }

    /** Who may decide. */
    public List<String> approvers() {
        return approvers;
    }
}
