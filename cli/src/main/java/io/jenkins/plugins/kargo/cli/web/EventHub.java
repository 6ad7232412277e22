package io.jenkins.plugins.kargo.cli.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The browsers listening to {@code GET api/events}: each engine event goes to all of them as one server-sent event
 * ({@code event: delivery}, its JSON as data). A comment every {@link #HEARTBEAT_SECONDS} seconds keeps idle
 * connections open through proxies and finds browsers that went away.
 */
final class EventHub implements AutoCloseable {

    static final long HEARTBEAT_SECONDS = 15;

    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final Scheduler scheduler;
    private volatile Scheduler.Task heartbeat;
    private volatile boolean closed;

    EventHub(Scheduler scheduler) {
        this.scheduler = scheduler;
        scheduleHeartbeat();
    }

    /** Opens a stream on the response; it stays open until the browser goes or the hub closes. */
    void open(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Accel-Buffering", "no");
        EventStream[] self = new EventStream[1];
        EventStream stream = new EventStream(response, callback, () -> streams.remove(self[0]));
        self[0] = stream;
        streams.add(stream);
        // sends the headers now, and tells the browser how soon to come back after a cut
        stream.send("retry: 3000\n: connected\n\n");
        if (closed) {
            stream.end();
        }
    }

    /** Sends one event to every browser. */
    void publish(String type, String json) {
        String frame = "event: " + type + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n";
        streams.forEach(s -> s.send(frame));
    }

    int listeners() {
        return streams.size();
    }

    private void scheduleHeartbeat() {
        if (!closed) {
            heartbeat = scheduler.schedule(() -> {
                streams.forEach(s -> s.send(": heartbeat\n\n"));
                scheduleHeartbeat();
            }, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        Scheduler.Task task = heartbeat;
        if (task != null) {
            task.cancel();
        }
        streams.forEach(EventStream::end);
    }
}
