/**
 * Network manners every client of the engine may use, whatever it talks to (registries, git remotes, the
 * {@code http} step, verification providers, webhooks). It depends on nothing else in the engine.
 *
 * <p>{@link io.jenkins.plugins.kargo.net.CredentialScheme} is the one rule for where credentials may travel;
 * {@link io.jenkins.plugins.kargo.net.Sleeper} is how a backoff, a {@code Retry-After} or a poll waits (tests pass
 * one that returns at once); {@link io.jenkins.plugins.kargo.net.InsecureTls} serves {@code insecureSkipTLSVerify}.
 */
package io.jenkins.plugins.kargo.net;
