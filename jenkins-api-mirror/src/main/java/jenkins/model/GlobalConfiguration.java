// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/jenkins/model/GlobalConfiguration.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration> implements ExtensionPoint, Describable<GlobalConfiguration>  {
    protected GlobalConfiguration() {
    }

    public final Descriptor<GlobalConfiguration> getDescriptor() {
        return this;
    }
}
