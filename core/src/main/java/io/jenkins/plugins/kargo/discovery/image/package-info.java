/**
 * Image discovery from OCI Distribution registries (Docker Hub, GHCR, Harbor, distribution).
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.kargo.discovery.image.OciRegistryClient}: the {@code /v2/} API — tag listing with
 *       {@code Link} pagination, manifests, blobs — with anonymous, Basic and Bearer-challenge auth; also used for
 *       Helm charts in OCI registries.</li>
 *   <li>{@link io.jenkins.plugins.kargo.discovery.image.ImageInspector}: what a tag's image is (digest, build date,
 *       annotations, platforms), cached by digest.</li>
 *   <li>{@link io.jenkins.plugins.kargo.discovery.image.ImageSubscriber}: Kargo's selection strategies over them.</li>
 * </ul>
 * Wiring, one of each per engine:
 * <pre>{@code
 * RegistryHttp http = RegistryHttp.create();
 * OciRegistryClient oci = new OciRegistryClient(http);
 * ImageSubscriber images = new ImageSubscriber(oci, new ImageInspector(), credentialsProvider, eventSink);
 * }</pre>
 */
package io.jenkins.plugins.kargo.discovery.image;
