package io.jenkins.plugins.kargo.plugin.view;

import hudson.Extension;
import hudson.model.RootAction;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The Freight view of every Kargo project, as a top-level page ({@code /kargo/}): reads behind Jenkins' read
 * permission, writes behind {@link KargoPermissions#PROMOTE}, each a POST with Jenkins' crumb.
 */
@Extension
public final class KargoRootAction implements RootAction {

    private final ViewEndpoint endpoint = new ViewEndpoint(FreightViewApi.ASSETS, KargoRootAction.class.getClassLoader(),
            FreightViewApi.of());

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Kargo Freight";
    }

    @Override
    public String getUrlName() {
        return "kargo";
    }

    /** {@code static/...} and {@code api/...} under the page. */
    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        StaplerView.serve(endpoint, JenkinsViewAccess.ofJenkins(req), req, rsp);
    }
}
