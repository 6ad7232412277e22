// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Result.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public final class Result implements Serializable {
    public static final @NonNull Result SUCCESS = new Result("SUCCESS", 0);
    public static final @NonNull Result UNSTABLE = new Result("UNSTABLE", 1);
    public static final @NonNull Result FAILURE = new Result("FAILURE", 2);
    public static final @NonNull Result NOT_BUILT = new Result("NOT_BUILT", 3);
    public static final @NonNull Result ABORTED = new Result("ABORTED", 4);

    private final @NonNull String name;

    public final int ordinal;

    private Result(String name, int ordinal) {
        this.name = name;
        this.ordinal = ordinal;
    }

    public boolean isWorseThan(@NonNull Result that) {
        return this.ordinal > that.ordinal;
    }

    public boolean isBetterOrEqualTo(@NonNull Result that) {
        return this.ordinal <= that.ordinal;
    }

    @Override
    public @NonNull String toString() {
        return name;
    }
}
