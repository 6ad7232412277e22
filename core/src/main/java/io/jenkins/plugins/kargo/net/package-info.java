/**
 * Network manners every client of the engine may use, whatever it talks to (registries, git remotes, the
 * {@code http} step, verification providers, webhooks). It depends on nothing else in the engine.
 *
 * <p>{@link io.jenkins.plugins.kargo.net.CredentialScheme} is the one rule for where credentials may travel.
 */
package io.jenkins.plugins.kargo.net;
