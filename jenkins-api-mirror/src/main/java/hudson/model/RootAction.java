// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/RootAction.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import hudson.ExtensionPoint;

public interface RootAction extends Action, ExtensionPoint {
}
