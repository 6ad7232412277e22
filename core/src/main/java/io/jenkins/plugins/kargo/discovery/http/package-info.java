/**
 * HTTP plumbing shared by every registry client (OCI images, OCI and classic Helm charts, npm).
 *
 * <p>One {@link io.jenkins.plugins.kargo.discovery.http.RegistryHttp} serves the whole engine: it applies a request
 * rate limit per registry host, retries what is worth retrying (429 honouring {@code Retry-After}, 5xx, resets and
 * timeouts) with exponential backoff and jitter, bounds every response body, and turns failures into
 * {@link io.jenkins.plugins.kargo.discovery.DiscoveryException}s that name the request and never a secret.
 *
 * <p>A typical client:
 * <pre>{@code
 * URI base = SchemePolicy.baseUri("registry.example.com", false);          // https://registry.example.com
 * RegistryRequest request = RegistryRequest.get(base.resolve("/v2/team/app/tags/list"))
 *         .withAccept("application/json")
 *         .withAuthorization(Authorization.of(credentials));                // Basic or Bearer, masked in toString
 * RegistryResponse response = http.send(request);                           // retried, rate limited, bounded
 * if (response.status() != 200) {
 *     throw response.failure("check the repository name");                  // "GET https://...: 404 Not Found — ..."
 * }
 * }</pre>
 */
package io.jenkins.plugins.kargo.discovery.http;
