package io.jenkins.plugins.kargo.verification.job;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.kargo.MockApiRequests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays Kubernetes' Job controller against the mock API server: for each new Job it records what it saw, creates
 * the Job's pod (labelled {@code controller-uid} and {@code job-name} as the Job controller does), serves that
 * pod's log (CRUD mode does not serve logs, so the controller answers {@code GET .../pods/NAME/log} itself, cut at
 * the request's {@code limitBytes} as the API server does) and writes the Job status the {@link Reaction} says:
 * {@code succeeded}/{@code failed} counts and a {@code Complete} or {@code Failed} condition, or nothing (a Job
 * that never ends).
 */
public final class FakeJobController implements AutoCloseable {

    /** How a Job ends: {@code condition} {@code Complete}, {@code Failed} or null (never), with its pod's log. */
    public record Reaction(String condition, String reason, String message, String log) {

        public static Reaction complete(String log) {
            return new Reaction("Complete", "Completed", "Reached expected number of succeeded pods", log);
        }

        public static Reaction failed(String log) {
            return new Reaction("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", log);
        }

        public static Reaction never() {
            return new Reaction(null, null, null, "");
        }
    }

    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/[^/]+/pods/([^/?]+)/log(\\?.*)?");
    private static final Pattern LIMIT = Pattern.compile("[?&]limitBytes=(\\d+)");

    private final KubernetesClient client;
    private final Reaction reaction;
    /** The pods this controller made, by name: their logs are served. */
    private final Set<String> pods = ConcurrentHashMap.newKeySet();
    /** Each Job as the controller found it when it was created, in order. */
    public final List<Job> seen = new CopyOnWriteArrayList<>();
    private final Semaphore started = new Semaphore(0);
    private final SharedIndexInformer<Job> informer;

    public FakeJobController(KubernetesClient client, MockApiRequests requests, Reaction reaction) {
        this.client = client;
        this.reaction = reaction;
        requests.answer(this::log);
        this.informer = client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                run(job);
            }

            @Override
            public void onUpdate(Job old, Job job) {
            }

            @Override
            public void onDelete(Job job, boolean unknownFinalState) {
            }
        });
    }

    private void run(Job job) {
        seen.add(job);
        String ns = job.getMetadata().getNamespace();
        String pod = job.getMetadata().getName() + "-x7k2p";
        String container = job.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
        client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(pod).withNamespace(ns)
                .addToLabels("controller-uid", job.getMetadata().getUid())
                .addToLabels("job-name", job.getMetadata().getName()).endMetadata()
                .withNewSpecLike(job.getSpec().getTemplate().getSpec()).endSpec().build()).create();
        pods.add(pod);
        if (reaction.condition() != null) {
            boolean complete = reaction.condition().equals("Complete");
            client.batch().v1().jobs().inNamespace(ns).withName(job.getMetadata().getName())
                    .editStatus(j -> new JobBuilder(j).editOrNewStatus()
                            .withSucceeded(complete ? 1 : 0).withFailed(complete ? 0 : 1)
                            .addNewCondition().withType(reaction.condition()).withStatus("True")
                            .withReason(reaction.reason()).withMessage(reaction.message())
                            .withLastTransitionTime(Instant.now().toString()).endCondition()
                            .endStatus().build());
        }
        started.release();
    }

    private Optional<MockResponse> log(RecordedRequest request) {
        Matcher log = LOG.matcher(request.getPath());
        if (!request.getMethod().equals("GET") || !log.matches() || !pods.contains(log.group(1))) {
            return Optional.empty();
        }
        byte[] text = reaction.log().getBytes(StandardCharsets.UTF_8);
        Matcher limit = LIMIT.matcher(request.getPath());
        int length = limit.find() ? (int) Math.min(text.length, Long.parseLong(limit.group(1))) : text.length;
        return Optional.of(new MockResponse().setResponseCode(200).setBody(Arrays.copyOf(text, length)));
    }

    /** Blocks until the controller has started a Job. */
    public Job awaitStarted() throws InterruptedException {
        if (!started.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the Job controller saw no Job");
        }
        return seen.get(0);
    }

    @Override
    public void close() {
        informer.close();
    }
}
