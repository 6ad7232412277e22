// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/AbstractCIBase.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import hudson.security.AccessControlled;

public abstract class AbstractCIBase implements ItemGroup<TopLevelItem>, AccessControlled {
}
