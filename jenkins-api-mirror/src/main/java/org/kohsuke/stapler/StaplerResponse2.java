// Mirror (compile-only, never shipped) of jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/StaplerResponse2.java at 135bbbc88aa4: upstream's signatures, bodies only where unit tests run them.
package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;

public interface StaplerResponse2 extends HttpServletResponse {
    void serveFile(StaplerRequest2 request, URL res) throws ServletException, IOException;
}
