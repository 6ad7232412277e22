// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }

    public synchronized void save() {
    }

    public synchronized void load() {
    }

    public static final class FormException extends Exception {
        public FormException(String message, String formField) {
            super(message);
        }
    }
}
