// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/AbstractBuild.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
}
