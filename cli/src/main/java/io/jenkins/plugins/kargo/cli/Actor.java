package io.jenkins.plugins.kargo.cli;

/** Who runs the command, for the audit trail and promotion records: {@code $KARGO_ACTOR}, else the OS user. */
final class Actor {

    private Actor() {
    }

    static String current() {
        String actor = System.getenv("KARGO_ACTOR");
        return actor != null && !actor.isBlank() ? actor : System.getProperty("user.name", "unknown");
    }
}
