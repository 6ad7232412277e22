// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/init/TermMilestone.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.init;

public enum TermMilestone {
    STARTED,
    COMPLETED
}
