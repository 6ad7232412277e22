// Mirror (compile-only, never shipped) of jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/HttpResponse.java at 135bbbc88aa4: upstream's signatures, bodies only where unit tests run them.
package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.io.IOException;

public interface HttpResponse {
    default void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
            throws IOException, ServletException {
        throw new UnsupportedOperationException("jenkins-api-mirror");
    }
}
