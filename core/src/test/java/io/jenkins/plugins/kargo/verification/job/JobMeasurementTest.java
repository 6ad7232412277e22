package io.jenkins.plugins.kargo.verification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.kargo.MockApiRequests;
import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.VerificationRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.jenkins.plugins.kargo.CrudKubernetesMock;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job provider against fabric8's Kubernetes mock server in CRUD mode: no real Kubernetes API server can run
 * here. The mock stores Jobs and Pods and serves watches like an API server; {@link FakeJobController} plays the
 * Job controller (status and a pod) and serves the pod's log, which CRUD mode cannot. Every wait is on a watch, a
 * latch or a future, never a sleep, and bounded.
 */
@ExtendWith(CrudKubernetesMock.class)
class JobMeasurementTest {

    static final int SMALL_LOG_LIMIT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    KubernetesClient client;
    MockApiRequests requests;

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void theSeedsIntegrationTestsRunAsAJobThatSucceeds() throws Exception {
        MetricProvider.Job provider = seedIntegrationTests();
        try (FakeJobController controller = new FakeJobController(client, requests,
                FakeJobController.Reaction.complete("12 passing (3s)\n"))) {
            JobOutcome outcome = new JobMeasurement(client).measure(provider,
                    context(Map.of("service-url", "http://myapp.myapp-dev.svc:8080")));

            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.phase()).isEqualTo("Succeeded");
            assertThat(events).as("nothing went wrong on the way").noneMatch(e -> e.startsWith("WARN"));
            assertThat(outcome.log()).isEqualTo("12 passing (3s)\n");
            assertThat(outcome.logTruncated()).isFalse();
            assertThat(outcome.reason()).isEqualTo("Completed: Reached expected number of succeeded pods");
            assertThat(outcome.asResult()).containsEntry("phase", "Succeeded").containsEntry("succeeded", true)
                    .containsEntry("failed", false).containsEntry("log", "12 passing (3s)\n");

            Job job = controller.seen.get(0);
            assertThat(job.getMetadata().getNamespace()).as("the project's namespace").isEqualTo("myapp");
            assertThat(job.getMetadata().getName()).startsWith("myapp-dev-integration-test-suite-")
                    .isEqualTo(outcome.job()).hasSize("myapp-dev-integration-test-suite-".length() + 5);
            assertThat(job.getMetadata().getLabels()).containsEntry(JobMeasurement.STAGE_LABEL, "dev")
                    .containsEntry(JobMeasurement.METRIC_LABEL, "integration-test-suite");
            assertThat(job.getSpec().getBackoffLimit()).isZero();
            assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
            Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).isEqualTo("harbor.yourdomain.com/testing/integration-tests:latest");
            assertThat(container.getCommand()).containsExactly("npm", "test");
            assertThat(container.getEnv()).singleElement().satisfies(env -> {
                assertThat(env.getName()).isEqualTo("SERVICE_URL");
                assertThat(env.getValue()).isEqualTo("http://myapp.myapp-dev.svc:8080");
            });
        }
        assertThat(jobs("myapp")).as("the Job is deleted once measured").isEmpty();
    }

    @Test
    void aFailedJobIsAFailedOutcomeWithItsReasonAndLog() throws Exception {
        try (FakeJobController controller = new FakeJobController(client, requests,
                FakeJobController.Reaction.failed("1 failing\n  AssertionError: expected 200, got 503\n"))) {
            JobOutcome outcome = new JobMeasurement(client).measure(seedIntegrationTests(),
                    context(Map.of("service-url", "http://down")));

            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.phase()).isEqualTo("Failed");
            assertThat(outcome.reason()).isEqualTo("BackoffLimitExceeded: Job has reached the specified backoff limit");
            assertThat(outcome.log()).contains("expected 200, got 503");
            assertThat(outcome.asResult()).containsEntry("failed", true).containsEntry("succeeded", false);
            assertThat(events).anyMatch(e -> e.contains(outcome.job()) && e.contains("Failed"));
        }
        assertThat(jobs("myapp")).isEmpty();
    }

    @Test
    void aJobThatDoesNotFinishInTimeIsAnErrorAndIsDeleted() throws Exception {
        try (FakeJobController controller = new FakeJobController(client, requests,
                FakeJobController.Reaction.never())) {
            JobMeasurement measurement = new JobMeasurement(client, Optional.empty(), Duration.ofMillis(500),
                    JobMeasurement.DEFAULT_LOG_LIMIT);

            assertThatThrownBy(() -> measurement.measure(seedIntegrationTests(), context(Map.of("service-url", "x"))))
                    .isInstanceOf(MeasurementException.class)
                    .hasMessageContaining("Job 'myapp/myapp-dev-integration-test-suite-")
                    .hasMessageContaining("did not finish within PT0.5S");
            assertThat(controller.awaitStarted().getMetadata().getName()).as("the Job was created")
                    .startsWith("myapp-dev-integration-test-suite-");
        }
        assertThat(jobs("myapp")).isEmpty();
    }

    /** The requests a measurement makes, in order, each a point where an interrupt may land while it waits. */
    enum Request {
        CREATE_THE_JOB(false, r -> r.getMethod().equals("POST") && r.getPath().startsWith(JOBS)),
        LIST_THE_JOB(false, r -> r.getMethod().equals("GET") && r.getPath().startsWith(JOBS + "?")
                && !r.getPath().contains("watch=true")),
        WATCH_THE_JOB(false, r -> r.getMethod().equals("GET") && r.getPath().startsWith(JOBS + "?")
                && r.getPath().contains("watch=true")),
        FIND_ITS_POD(true, r -> r.getMethod().equals("GET") && r.getPath().startsWith("/api/v1/namespaces/myapp/pods?")),
        READ_THE_LOG(true, r -> r.getMethod().equals("GET") && r.getPath().contains("/log")),
        DELETE_THE_JOB(true, r -> r.getMethod().equals("DELETE") && r.getPath().startsWith(JOBS + "/"));

        /** Whether the Job must end for the measurement to get there (else it never ends, so the watch is made). */
        final boolean afterTheEnd;
        final Predicate<RecordedRequest> matches;

        Request(boolean afterTheEnd, Predicate<RecordedRequest> matches) {
            this.afterTheEnd = afterTheEnd;
            this.matches = matches;
        }
    }

    private static final String JOBS = "/apis/batch/v1/namespaces/myapp/jobs";

    /**
     * An abort interrupts the measuring thread: wherever it lands, the measurement stops and its Job is deleted. The
     * interrupt is sent while the server holds the request under test unanswered, so each point is hit on purpose,
     * whatever the load. Landing in the final clean-up, once the outcome is known, it is kept for the caller.
     */
    @ParameterizedTest
    @EnumSource(Request.class)
    void anInterruptWhereverItLandsStopsTheMeasurementAndDeletesTheJob(Request at) throws Exception {
        try (FakeJobController controller = new FakeJobController(client, requests, at.afterTheEnd
                ? FakeJobController.Reaction.complete("ok\n") : FakeJobController.Reaction.never())) {
            MockApiRequests.Hold held = requests.hold(at.matches);
            CompletableFuture<Object> ended = new CompletableFuture<>();
            AtomicBoolean flagKept = new AtomicBoolean();
            Thread measuring = new Thread(() -> {
                try {
                    JobOutcome outcome = new JobMeasurement(client).measure(seedIntegrationTests(),
                            context(Map.of("service-url", "x")));
                    flagKept.set(Thread.currentThread().isInterrupted()); // before the test may read it
                    ended.complete(outcome);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            }, "measuring");
            measuring.start();
            assertThat(held.awaitArrival(Duration.ofMinutes(1))).as("the measurement made the request").isTrue();
            long interrupted = System.nanoTime();
            measuring.interrupt();
            held.release();

            Object end = ended.get(1, TimeUnit.MINUTES);
            Duration took = Duration.ofNanos(System.nanoTime() - interrupted);
            System.out.printf("interrupt during %s: the measurement ended %d ms later%n", at, took.toMillis());
            if (at == Request.DELETE_THE_JOB) {
                assertThat(end).as("the outcome was known before the clean-up").isInstanceOf(JobOutcome.class);
                assertThat(flagKept).as("the interrupt is kept for the caller").isTrue();
            } else {
                assertThat(end).isInstanceOf(InterruptedException.class);
            }
            measuring.join(Duration.ofMinutes(1).toMillis());
            assertThat(measuring.isAlive()).isFalse();
        }
        assertThat(jobs("myapp")).as("the Job is deleted").isEmpty();
    }

    @Test
    void argsAreRenderedInMetadataAndSpecAndTheConfiguredNamespaceIsUsed() throws Exception {
        MetricProvider.Job provider = new MetricProvider.Job(JSON.readTree("""
                {"labels": {"suite": "{{ args.suite }}"}, "annotations": {"note": "for {{args.stage}}"}}
                """), JSON.readTree("""
                {"backoffLimit": 1, "template": {"spec": {"restartPolicy": "Never", "containers": [
                  {"name": "t", "image": "tests:{{ args.tag }}", "args": ["--suite={{ args.suite }}", "--fast"]}]}}}
                """));
        try (FakeJobController controller = new FakeJobController(client, requests,
                FakeJobController.Reaction.complete("ok"))) {
            JobOutcome outcome = new JobMeasurement(client, Optional.of("verification"), Duration.ofMinutes(1),
                    JobMeasurement.DEFAULT_LOG_LIMIT)
                    .measure(provider, context(Map.of("suite", "smoke", "stage", "dev", "tag", "1.2.3")));

            assertThat(outcome.namespace()).isEqualTo("verification");
            Job job = controller.seen.get(0);
            assertThat(job.getMetadata().getNamespace()).isEqualTo("verification");
            assertThat(job.getMetadata().getLabels()).containsEntry("suite", "smoke")
                    .containsEntry(JobMeasurement.STAGE_LABEL, "dev");
            assertThat(job.getMetadata().getAnnotations()).containsEntry("note", "for dev");
            assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
            Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).isEqualTo("tests:1.2.3");
            assertThat(container.getArgs()).containsExactly("--suite=smoke", "--fast");
        }
        assertThat(jobs("verification")).isEmpty();
    }

    @Test
    void aMissingArgumentIsRefusedBeforeAnyJobIsCreated() throws Exception {
        try (FakeJobController controller = new FakeJobController(client, requests,
                FakeJobController.Reaction.complete("ok"))) {
            assertThatThrownBy(() -> new JobMeasurement(client).measure(seedIntegrationTests(), context(Map.of())))
                    .isInstanceOf(MeasurementException.class).hasMessageContaining("argument 'service-url' has no value");
        }
        assertThat(jobs("myapp")).isEmpty();
        assertThat(events).as("no Job was started").isEmpty();
    }

    @Test
    void theLogIsCutAtTheLimit() throws Exception {
        try (FakeJobController controller = new FakeJobController(client, requests,
                FakeJobController.Reaction.complete("0123456789abcdef"))) {
            JobOutcome outcome = new JobMeasurement(client, Optional.empty(), Duration.ofMinutes(1), SMALL_LOG_LIMIT)
                    .measure(seedIntegrationTests(), context(Map.of("service-url", "x")));

            assertThat(outcome.log()).isEqualTo("0123456789");
            assertThat(outcome.logTruncated()).isTrue();
        }
    }

    @Test
    void namesAreDnsLabelsOfAtMost63Characters() {
        MeasurementContext context = new MeasurementContext(new VerificationRef("My_App", "a-very-long-stage-name-for-production-east", "v",
                Instant.EPOCH), "integration.test.suite--with-a-long-name", Map.of(), EventSink.NONE, Clock.systemUTC(),
                () -> false);

        String name = JobMeasurement.name(context);

        assertThat(name).hasSize(63).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
                .startsWith("my-app-a-very-long-stage-name-for-production-east-integra-");
        assertThat(JobMeasurement.name(context)).as("a unique suffix").isNotEqualTo(name);
    }

    private List<Job> jobs(String namespace) {
        return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
    }

    private MeasurementContext context(Map<String, String> args) {
        return new MeasurementContext(new VerificationRef("myapp", "dev", "v", Instant.EPOCH), "integration-test-suite", args, new EventSink() {
            @Override
            public void info(String message) {
                events.add(message);
            }

            @Override
            public void warn(String message) {
                events.add("WARN " + message);
            }
        }, Clock.systemUTC(), () -> false);
    }

    private static MetricProvider.Job seedIntegrationTests() throws Exception {
        AnalysisTemplate template = new ConfigLoader().load(ExampleProject.directory()).analysisTemplates("myapp")
                .stream().filter(t -> t.name().equals("integration-tests")).findFirst().orElseThrow();
        return (MetricProvider.Job) template.metrics().get(0).provider();
    }
}
