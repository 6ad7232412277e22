// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Job.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import hudson.ExtensionPoint;
import hudson.util.RunList;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends AbstractItem implements ExtensionPoint {

    public RunList<RunT> getBuilds() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
