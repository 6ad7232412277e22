// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/jenkins/tasks/SimpleBuildStep.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package jenkins.tasks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

public interface SimpleBuildStep extends BuildStep {
    default void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    default boolean requiresWorkspace() {
        return true;
    }
}
