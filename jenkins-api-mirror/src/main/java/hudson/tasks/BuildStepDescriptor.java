// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStepDescriptor.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor() {
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
