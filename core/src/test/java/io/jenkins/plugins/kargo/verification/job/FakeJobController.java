package io.jenkins.plugins.kargo.verification.job;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Plays Kubernetes' Job controller against the mock API server: for each new Job it records what it saw, creates
 * the Job's pod (labelled {@code controller-uid} and {@code job-name} as the Job controller does), serves that
 * pod's log (the CRUD mock does not serve logs, so an expectation does) and writes the Job status the
 * {@link Reaction} says: {@code succeeded}/{@code failed} counts and a {@code Complete} or {@code Failed}
 * condition, or nothing (a Job that never ends).
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

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final Reaction reaction;
    /** Each Job as the controller found it when it was created, in order. */
    public final List<Job> seen = new CopyOnWriteArrayList<>();
    private final Semaphore started = new Semaphore(0);
    private final SharedIndexInformer<Job> informer;

    public FakeJobController(KubernetesClient client, KubernetesMockServer server, Reaction reaction) {
        this.client = client;
        this.server = server;
        this.reaction = reaction;
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
        server.expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/" + pod + "/log?pretty=false&container="
                + container + "&limitBytes=" + (JobMeasurement.DEFAULT_LOG_LIMIT + 1))
                .andReturn(200, reaction.log()).always();
        server.expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/" + pod + "/log?pretty=false&container="
                + container + "&limitBytes=" + (JobMeasurementTest.SMALL_LOG_LIMIT + 1))
                .andReturn(200, reaction.log()).always();
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
