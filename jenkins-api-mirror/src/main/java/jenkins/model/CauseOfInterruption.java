// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/jenkins/model/CauseOfInterruption.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package jenkins.model;

import java.io.Serializable;

public abstract class CauseOfInterruption implements Serializable {
    public abstract String getShortDescription();
}
