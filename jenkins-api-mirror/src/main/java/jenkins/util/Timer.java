// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/jenkins/util/Timer.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package jenkins.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    private static ScheduledExecutorService executorService;

    public static synchronized ScheduledExecutorService get() {
        if (executorService == null) {
            executorService = Executors.newScheduledThreadPool(4, r -> {
                Thread t = new Thread(r, "jenkins.util.Timer (mirror)");
                t.setDaemon(true);
                return t;
            });
        }
        return executorService;
    }
}
