// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/AbstractDescribableImpl.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
