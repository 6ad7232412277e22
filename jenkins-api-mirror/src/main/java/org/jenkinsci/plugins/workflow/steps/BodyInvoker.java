// Mirror (compile-only, never shipped) of jenkinsci/workflow-step-api-plugin src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java at 0773c3c68734: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci.plugins.workflow.steps;

public abstract class BodyInvoker {
}
