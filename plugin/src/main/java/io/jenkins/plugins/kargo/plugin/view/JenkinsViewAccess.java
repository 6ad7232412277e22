package io.jenkins.plugins.kargo.plugin.view;

import hudson.model.Item;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.csrf.CrumbIssuer;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;

/** {@link ViewAccess} by Jenkins' permissions on the object that shows the view, and Jenkins' crumb. */
final class JenkinsViewAccess implements ViewAccess {

    private final AccessControlled object;
    private final Permission read;
    private final Permission write;
    private final StaplerRequest2 request;

    private JenkinsViewAccess(AccessControlled object, Permission read, Permission write, StaplerRequest2 request) {
        this.object = object;
        this.read = read;
        this.write = write;
        this.request = request;
    }

    /** A job's view: {@code Item.READ} to read, {@code Item.BUILD} to write. */
    static ViewAccess ofJob(Item job, StaplerRequest2 request) {
        return new JenkinsViewAccess(job, Item.READ, Item.BUILD, request);
    }

    /** The top-level view: Jenkins' read to read, {@link KargoPermissions#PROMOTE} to write. */
    static ViewAccess ofJenkins(StaplerRequest2 request) {
        return new JenkinsViewAccess(Jenkins.get(), Jenkins.READ, KargoPermissions.PROMOTE, request);
    }

    @Override
    public void checkRead() {
        object.checkPermission(read);
    }

    @Override
    public void checkWrite() {
        object.checkPermission(write);
    }

    @Override
    public boolean crumbValid() {
        CrumbIssuer issuer = Jenkins.get().getCrumbIssuer();
        return issuer == null || issuer.validateCrumb(request);
    }

    @Override
    public String actor() {
        return Jenkins.getAuthentication2().getName();
    }
}
