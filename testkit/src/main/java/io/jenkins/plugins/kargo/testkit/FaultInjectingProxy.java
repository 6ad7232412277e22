package io.jenkins.plugins.kargo.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An HTTP server on a free loopback port that forwards every request to a target registry, except where a test has
 * planned a {@link Fault}. The plan is deterministic: faults queue per path pattern and each matching request takes
 * the next one; requests with no fault left are forwarded. Every request is recorded, so tests can count calls.
 *
 * <pre>{@code
 * try (FaultInjectingProxy proxy = FaultInjectingProxy.start(TestServices.registry())) {
 *     proxy.inject("/v2/.+/tags/list", Fault.tooManyRequests(Duration.ofSeconds(1)), Fault.serviceUnavailable());
 *     // point the client at proxy.address() ...
 *     assertThat(proxy.requestCount("/v2/services/api/tags/list")).isEqualTo(3);
 * }
 * }</pre>
 *
 * Upload {@code Location} headers are rewritten to point back at the proxy, so whole pushes can go through it.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** Headers the JDK client sets itself, or that describe one hop rather than the message. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "date", "expect", "host",
            "keep-alive", "transfer-encoding", "upgrade");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final HttpClient client;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Rule> plan = new ArrayList<>();
    private final List<RecordedRequest> requests = new ArrayList<>();

    private FaultInjectingProxy(URI target) throws IOException {
        this.target = target;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fault-injecting-proxy");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a proxy in front of {@code targetHostPort} (plain HTTP, e.g. {@link TestServices#registry()}). */
    public static FaultInjectingProxy start(String targetHostPort) {
        try {
            return new FaultInjectingProxy(URI.create("http://" + targetHostPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
    }

    /** {@code 127.0.0.1:port}, to use where the target's address would go. */
    public String address() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Queues faults for the next requests to any path. */
    public FaultInjectingProxy inject(Fault... faults) {
        return inject(List.of(faults));
    }

    public FaultInjectingProxy inject(List<Fault> faults) {
        return inject(".*", faults);
    }

    /** Queues faults for the next requests whose path (without query) matches {@code pathRegex} entirely. */
    public FaultInjectingProxy inject(String pathRegex, Fault... faults) {
        return inject(pathRegex, List.of(faults));
    }

    public synchronized FaultInjectingProxy inject(String pathRegex, List<Fault> faults) {
        plan.add(new Rule(Pattern.compile(pathRegex), new ArrayDeque<>(faults)));
        return this;
    }

    /** Faults planned but not yet used: 0 once the client has made every request the test expected. */
    public synchronized int pendingFaults() {
        return plan.stream().mapToInt(rule -> rule.faults.size()).sum();
    }

    /** Requests so far to exactly this path (without query), faulted or forwarded. */
    public synchronized long requestCount(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).count();
    }

    /** Requests so far whose path matches {@code pathRegex} entirely. */
    public synchronized long requestCountMatching(String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return requests.stream().filter(request -> pattern.matcher(request.path()).matches()).count();
    }

    /** Every request so far, in arrival order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the recorded requests and any faults still planned. */
    public synchronized void reset() {
        requests.clear();
        plan.clear();
    }

    /** Stops listening; requests held by a {@link Fault.Delay} are released and dropped. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private synchronized Fault record(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        Fault fault = null;
        for (Rule rule : plan) {
            if (!rule.faults.isEmpty() && rule.path.matcher(path).matches()) {
                fault = rule.faults.poll();
                break;
            }
        }
        if (fault instanceof Fault.Forward) {
            fault = null;
        }
        requests.add(new RecordedRequest(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), fault));
        return fault;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Fault fault = record(exchange);
            if (fault instanceof Fault.DropConnection) {
                return; // closing an exchange before its headers are sent closes the connection
            }
            if (fault instanceof Fault.Status status) {
                respond(exchange, status);
                return;
            }
            if (fault instanceof Fault.Delay delay && closing.await(delay.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                return; // closed while waiting
            }
            forward(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, Fault.Status status) throws IOException {
        byte[] body = ("{\"errors\":[{\"code\":\"INJECTED\",\"message\":\"fault injected by FaultInjectingProxy: HTTP "
                + status.code() + "\"}]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        status.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status.code(), body.length);
        exchange.getResponseBody().write(body);
    }

    private void forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .method(exchange.getRequestMethod(), requestBody.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            respond(exchange, Fault.status(502)); // the target is down: say so rather than look like a planned drop
            return;
        }

        String self = "http://" + address();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("location")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value.replace(target.toString(), self)));
            } else if (!HOP_HEADERS.contains(lower) || lower.equals("content-length") && isHead(exchange)) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        byte[] body = response.body();
        boolean bodyless = isHead(exchange) || body.length == 0;
        exchange.sendResponseHeaders(response.statusCode(), bodyless ? -1 : body.length);
        if (!bodyless) {
            exchange.getResponseBody().write(body);
        }
    }

    private static boolean isHead(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("HEAD");
    }

    private record Rule(Pattern path, Deque<Fault> faults) {
    }

    @Override
    public String toString() {
        return "FaultInjectingProxy[" + address() + " -> " + target + "]";
    }
}
