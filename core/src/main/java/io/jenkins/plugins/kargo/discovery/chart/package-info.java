/**
 * Helm chart discovery. {@link io.jenkins.plugins.kargo.discovery.chart.ChartRepositorySubscriber} reads classic
 * repositories ({@code https://.../index.yaml}); {@link io.jenkins.plugins.kargo.discovery.chart.ChartSubscriber}
 * sends each subscription to it or to the OCI chart subscriber, by the repository URL's scheme.
 */
package io.jenkins.plugins.kargo.discovery.chart;
