// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/jenkins/model/RunAction2.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
