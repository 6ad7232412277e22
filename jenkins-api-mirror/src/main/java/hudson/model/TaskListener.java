// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;

public interface TaskListener {
    @NonNull
    PrintStream getLogger();
}
