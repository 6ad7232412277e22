package io.jenkins.plugins.kargo.controller;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.expr.kargo.ProjectData;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.MeasurementProvider;
import io.jenkins.plugins.kargo.verification.MeasurementProviders;
import io.jenkins.plugins.kargo.verification.VerificationArgs;
import io.jenkins.plugins.kargo.verification.job.JobMeasurement;
import io.jenkins.plugins.kargo.verification.prometheus.PrometheusMeasurement;
import io.jenkins.plugins.kargo.verification.web.WebMeasurement;

/**
 * What an engine verifies with: the {@code web}, {@code prometheus} and {@code job} metric providers, and the
 * resolution of stages' verification args. Jobs and {@code {{ .Rollout... }}} arguments use the engine's
 * {@link LazyKubernetes} only when they run, so that a verification without them never loads a Kubernetes client.
 */
final class BuiltinVerification {

    private final MeasurementProviders providers;
    private final VerificationArgs args;

    /** @param credentials the {@code generic} credentials of web metrics' URLs and Prometheus addresses */
    BuiltinVerification(LazyKubernetes kubernetes, OperatorSettings settings, ProjectData projectData,
                        CredentialsProvider credentials) {
        this.providers = MeasurementProviders.none()
                .with(MetricProvider.Web.class, new WebMeasurement(settings.outbound(), credentials))
                .with(MetricProvider.Prometheus.class, new PrometheusMeasurement(credentials))
                .with(MetricProvider.Job.class, new Jobs(kubernetes));
        this.args = new VerificationArgs(settings.expressions(), projectData, kubernetes);
    }

    /** The built-in providers; add the approval provider with {@code .with(MetricProvider.Plugin.class, ...)}. */
    MeasurementProviders providers() {
        return providers;
    }

    /** Resolves stages' verification args, reading Rollouts through the shared client. */
    VerificationArgs args() {
        return args;
    }

    /** {@link #args()} as the {@link Verifier} asks for them. */
    Verifier.StageArgs stageArgs() {
        return (stage, verification, freight, log) -> args.resolve(stage, freight);
    }

    /** The job provider, made with the shared client on the first Job. */
    private static final class Jobs implements MeasurementProvider<MetricProvider.Job> {
        private final LazyKubernetes kubernetes;
        private JobMeasurement jobs;

        Jobs(LazyKubernetes kubernetes) {
            this.kubernetes = kubernetes;
        }

        @Override
        public Object measure(MetricProvider.Job provider, MeasurementContext context)
                throws MeasurementException, InterruptedException {
            return jobs().measure(provider, context);
        }

        private synchronized JobMeasurement jobs() throws MeasurementException {
            if (jobs == null) {
                try {
                    jobs = new JobMeasurement(kubernetes.get());
                } catch (KubernetesClientException e) {
                    throw new MeasurementException("no Kubernetes client to run the Job with: " + e.getMessage()
                            + "; give one through the kubeconfig (KUBECONFIG, ~/.kube/config or the in-cluster"
                            + " service account)", e);
                }
            }
            return jobs;
        }
    }
}
