package io.jenkins.plugins.kargo.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Supplier;

/**
 * The one Kubernetes client of an engine (from the usual kubeconfig: {@code KUBECONFIG}, {@code ~/.kube/config} or
 * the in-cluster service account), made on first use, so that commands that touch no cluster never load it, and
 * shared by every part that does ({@code argocd-update}, job metrics, Rollout arguments).
 */
final class LazyKubernetes implements Supplier<KubernetesClient>, AutoCloseable {

    private final Supplier<KubernetesClient> factory;
    private KubernetesClient client;

    /** A client from the usual kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config} or the in-cluster account). */
    static final Supplier<KubernetesClient> FROM_KUBECONFIG = () -> new KubernetesClientBuilder().build();

    /** @param factory makes the client, once, on the first {@link #get()} */
    LazyKubernetes(Supplier<KubernetesClient> factory) {
        this.factory = factory;
    }

    /** @throws io.fabric8.kubernetes.client.KubernetesClientException when the kubeconfig cannot be read */
    @Override
    public synchronized KubernetesClient get() {
        if (client == null) {
            client = factory.get();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
