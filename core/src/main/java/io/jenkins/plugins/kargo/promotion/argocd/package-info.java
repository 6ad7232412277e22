/**
 * The {@code argocd-update} promotion step: Argo CD {@code Application} resources changed and synced through the
 * Kubernetes API (fabric8, unstructured: no Argo CD model classes).
 *
 * <p>{@link io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdater} is the step;
 * {@link io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdateConfig} its configuration (Kargo's schema);
 * {@link io.jenkins.plugins.kargo.promotion.argocd.AuthorizedStages} reads the annotation by which an Application
 * lets a stage change it. Package-private: {@code ArgoCdApplication} (the view of an Application),
 * {@code DesiredSources} (the sources after the update) and {@code SyncProgress} (what to do next).
 *
 * <p>Wiring: {@code new ArgoCdUpdater(kubernetesClient)} where {@code kubernetesClient} is
 * {@code new KubernetesClientBuilder().build()} (kubeconfig, {@code KUBECONFIG} or in-cluster service account), owned
 * and closed by whoever builds it.
 */
package io.jenkins.plugins.kargo.promotion.argocd;
