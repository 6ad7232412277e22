// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    public static final class Option {
        @NonNull
        public String name;
        @NonNull
        public String value;

        public boolean selected;

        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }
    }

    public ListBoxModel() {
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        add(new Option(displayName, value, false));
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        add(nameAndValue, nameAndValue);
        return this;
    }
}
