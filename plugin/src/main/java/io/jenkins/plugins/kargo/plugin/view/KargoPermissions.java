package io.jenkins.plugins.kargo.plugin.view;

import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;
import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/** The Kargo permission: promote, approve, reject, roll back and abort from the top-level Freight view. */
public final class KargoPermissions {

    private static final ResourceBundleHolder MESSAGES = ResourceBundleHolder.get(KargoPermissions.class);

    public static final PermissionGroup GROUP = new PermissionGroup(KargoPermissions.class,
            new Localizable(MESSAGES, "group"));

    /** Writes on the top-level Freight view; a job's view needs {@code Item.BUILD} on the job instead. */
    public static final Permission PROMOTE = new Permission(GROUP, "Promote",
            new Localizable(MESSAGES, "promote"), Jenkins.ADMINISTER, PermissionScope.JENKINS);

    private KargoPermissions() {
    }
}
