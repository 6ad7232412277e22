package io.jenkins.plugins.kargo.cli;

import java.io.Writer;
import java.time.Duration;
import java.time.Instant;

/**
 * A console stream a test can wait on: a command running in another thread writes to it, and the test waits until a
 * text appears (a prompt, an engine event) instead of sleeping.
 */
final class ConsoleWatch extends Writer {

    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        text.append(chars, offset, length);
        notifyAll();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /**
     * Waits until the stream holds {@code expected}.
     *
     * @throws AssertionError naming what was written when it does not come within {@code timeout}
     */
    synchronized void await(String expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (text.indexOf(expected) < 0) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new AssertionError("'" + expected + "' was not written within " + timeout + "; written:\n" + text);
            }
            wait(left);
        }
    }

    @Override
    public synchronized String toString() {
        return text.toString();
    }
}
