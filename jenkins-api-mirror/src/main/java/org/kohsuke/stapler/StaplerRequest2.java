// Mirror (compile-only, never shipped) of jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java at 135bbbc88aa4: upstream's signatures, bodies only where unit tests run them.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

public interface StaplerRequest2 extends HttpServletRequest {
    String getRestOfPath();
}
