package io.jenkins.plugins.kargo.cli;

/** What a script can rely on. */
final class ExitCodes {

    static final int OK = 0;
    /** The operation failed: a registry error, a failed discovery, something not found. */
    static final int FAILED = 1;
    /** Bad usage or invalid configuration: fix the command line or the YAML. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
