// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Describable.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
