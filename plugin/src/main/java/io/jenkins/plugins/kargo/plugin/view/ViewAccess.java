package io.jenkins.plugins.kargo.plugin.view;

/**
 * Who may do what on a Freight view, as the page that serves it decides: reading needs {@code Item.READ} on the job
 * (or Jenkins' read for the top-level page), writing needs {@code Item.BUILD} on the job (or the Kargo promote
 * permission), and every write is a POST with Jenkins' crumb.
 */
public interface ViewAccess {

    /** @throws org.springframework.security.access.AccessDeniedException when the caller may not read */
    void checkRead();

    /** @throws org.springframework.security.access.AccessDeniedException when the caller may not write */
    void checkWrite();

    /** Whether the request carries a valid crumb (always true where Jenkins issues none). */
    boolean crumbValid();

    /** The authenticated user's id, recorded as the actor of a write. */
    String actor();
}
