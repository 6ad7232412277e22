/**
 * Manners every user of the fabric8 Kubernetes client shares (the {@code job} verification provider,
 * {@code argocd-update}): requests and waits that honour the thread's interrupt wherever it arrives.
 */
package io.jenkins.plugins.kargo.kubernetes;
