package io.jenkins.plugins.kargo.application.view;

import java.util.List;

/**
 * Whether a person must let Freight into a stage: {@code manual} when the project's promotion policy does not
 * auto-promote into it; {@code approvers} from the dashboard ConfigMap's {@code rbac.adminUsers} (empty: anyone who
 * may promote). A Jenkins {@code input} step and the web view's buttons are made from it.
 */
public record Gate(boolean manual, List<String> approvers) {

    public Gate {
        approvers = List.copyOf(approvers);
    }
}
