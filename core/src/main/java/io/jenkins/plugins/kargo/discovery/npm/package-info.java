/**
 * npm package discovery ({@code subscriptions[].npm}, and the seed's {@code chart:} entries that point at an npm
 * registry): the package document ("packument") of a registry such as Verdaccio, npmjs or Artifactory, read for its
 * versions, {@code dist-tags} and publication times.
 */
package io.jenkins.plugins.kargo.discovery.npm;
