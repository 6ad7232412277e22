package io.jenkins.plugins.kargo;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The requests of {@link CrudKubernetesMock}'s API server as a test sees them, before CRUD mode answers them: a test
 * may answer some itself (what CRUD mode cannot serve, such as pod logs) or hold one in flight, so that something
 * (an interrupt) happens while the client waits for that very answer. Thread-safe: the server's threads ask it.
 */
public final class MockApiRequests {

    private final List<Function<RecordedRequest, Optional<MockResponse>>> answers = new CopyOnWriteArrayList<>();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();

    /** Answers the requests {@code answer} gives a response for (first registered, first asked). */
    public void answer(Function<RecordedRequest, Optional<MockResponse>> answer) {
        answers.add(answer);
    }

    /** Holds the first request {@code which} accepts, from when it arrives until {@link Hold#release()}. */
    public Hold hold(Predicate<RecordedRequest> which) {
        Hold hold = new Hold(which);
        holds.add(hold);
        return hold;
    }

    /** What the server answers: a held request waits first; then the test's answer, else CRUD mode's. */
    MockResponse dispatch(RecordedRequest request, Function<RecordedRequest, MockResponse> crud) {
        for (Hold hold : holds) {
            if (hold.take(request)) {
                holds.remove(hold);
                hold.block();
            }
        }
        for (Function<RecordedRequest, Optional<MockResponse>> answer : answers) {
            Optional<MockResponse> response = answer.apply(request);
            if (response.isPresent()) {
                return response.get();
            }
        }
        return crud.apply(request);
    }

    /** Lets every held request go (before the server shuts down). */
    void releaseAll() {
        holds.forEach(Hold::release);
    }

    /** One request held on its way to the server's answer. */
    public static final class Hold {
        private final Predicate<RecordedRequest> which;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile RecordedRequest request;

        private Hold(Predicate<RecordedRequest> which) {
            this.which = which;
        }

        private synchronized boolean take(RecordedRequest candidate) {
            if (request != null || !which.test(candidate)) {
                return false;
            }
            request = candidate;
            return true;
        }

        private void block() {
            arrived.countDown();
            try {
                if (!released.await(5, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("a held request was never released: " + request);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until the request has arrived and is held; false when it did not come within {@code timeout}. */
        public boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The held request (once arrived). */
        public RecordedRequest request() {
            return request;
        }

        /** Lets the request go on to its answer. */
        public void release() {
            released.countDown();
        }
    }
}
