// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/util/RunList.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.util;

import hudson.model.Run;
import java.util.AbstractList;

public class RunList<R extends Run> extends AbstractList<R> {
    @Override
    public R get(int index) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
