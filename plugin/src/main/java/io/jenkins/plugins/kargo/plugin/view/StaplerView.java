package io.jenkins.plugins.kargo.plugin.view;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** Hands a Stapler request to a {@link ViewEndpoint} and writes its answer. */
final class StaplerView {

    private StaplerView() {
    }

    static void serve(ViewEndpoint endpoint, ViewAccess access, StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException {
        String body = "POST".equals(req.getMethod())
                ? new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        ViewResponse answer = endpoint.handle(req.getMethod(), req.getRestOfPath(), req.getParameterMap(), body,
                access);
        if (answer.asset() != null) {
            rsp.serveFile(req, answer.asset());
            return;
        }
        rsp.setStatus(answer.status());
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter out = rsp.getWriter();
        out.write(answer.json());
        out.flush();
    }
}
