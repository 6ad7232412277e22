package io.jenkins.plugins.kargo.cli.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One browser's server-sent event stream: frames are queued and written one at a time, without blocking the thread
 * that sends them (the engine's) and without a thread per browser. A browser too slow to take
 * {@value #MAX_PENDING} frames is cut off; it reconnects and reloads.
 */
final class EventStream extends IteratingCallback {

    static final int MAX_PENDING = 256;

    private final Response response;
    private final Callback done;
    private final Runnable onClose;
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile boolean ending;

    EventStream(Response response, Callback done, Runnable onClose) {
        this.response = response;
        this.done = done;
        this.onClose = onClose;
    }

    /** Queues a frame (an event or a comment, already in the event-stream format). */
    void send(String frame) {
        if (size.incrementAndGet() > MAX_PENDING) {
            abort(new IllegalStateException("the browser takes events too slowly"));
            return;
        }
        pending.add(frame);
        iterate();
    }

    /** Ends the stream once what is queued is written (the server stops). */
    void end() {
        ending = true;
        iterate();
    }

    @Override
    protected Action process() {
        String frame = pending.poll();
        if (frame != null) {
            size.decrementAndGet();
            response.write(false, ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), this);
            return Action.SCHEDULED;
        }
        if (ending) {
            response.write(true, null, this);
            return Action.SUCCEEDED;
        }
        return Action.IDLE;
    }

    @Override
    protected void onCompleteSuccess() {
        onClose.run();
        done.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        onClose.run();
        done.failed(cause);
    }
}
