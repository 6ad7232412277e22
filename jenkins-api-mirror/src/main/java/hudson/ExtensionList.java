// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/ExtensionList.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;

public class ExtensionList<T> extends AbstractList<T> {
    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
