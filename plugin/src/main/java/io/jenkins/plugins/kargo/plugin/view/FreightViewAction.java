package io.jenkins.plugins.kargo.plugin.view;

import hudson.model.Action;
import hudson.model.Job;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The Freight view of the Kargo project a job delivers, as a page of the job ({@code job/NAME/kargo/}): the view's
 * own files and JSON, reads behind the job's {@code Item.READ}, writes behind its {@code Item.BUILD}.
 */
public final class FreightViewAction implements Action {

    private final Job<?, ?> job;
    private final String project;
    private final ViewEndpoint endpoint;

    FreightViewAction(Job<?, ?> job, String project, ViewEndpoint endpoint) {
        this.job = job;
        this.project = project;
        this.endpoint = endpoint;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** The project the view opens on. */
    public String getProject() {
        return project;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Freight";
    }

    @Override
    public String getUrlName() {
        return "kargo";
    }

    /** {@code static/...} and {@code api/...} under the page. */
    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        StaplerView.serve(endpoint, JenkinsViewAccess.ofJob(job, req), req, rsp);
    }
}
