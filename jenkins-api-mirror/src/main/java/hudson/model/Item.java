// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/model/Item.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    String getFullName();

    String getUrl();

    Permission READ = null;

    Permission BUILD = null;
}
