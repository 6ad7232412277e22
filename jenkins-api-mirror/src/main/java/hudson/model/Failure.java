// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Failure.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

public class Failure extends RuntimeException {
    public Failure(String message) {
        super(message);
    }
}
