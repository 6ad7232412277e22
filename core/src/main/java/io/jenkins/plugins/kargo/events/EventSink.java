package io.jenkins.plugins.kargo.events;

/**
 * Port: where the engine reports what it does. The CLI prints to the console, Jenkins writes to a
 * {@code TaskListener}. Messages never contain secrets.
 */
public interface EventSink {

    EventSink NONE = new EventSink() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    void info(String message);

    void warn(String message);

    /** Progress of long work: {@code done} of {@code total} units of {@code what}; total may be -1 when unknown. */
    default void progress(String what, long done, long total) {
    }
}
