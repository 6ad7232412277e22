// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/tasks/Builder.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
}
