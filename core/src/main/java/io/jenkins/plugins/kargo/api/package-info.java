/**
 * The resources as users write them (Kargo's {@code api/v1alpha1}, Argo Rollouts' analysis templates and the seed's
 * dashboard ConfigMap), read from YAML by {@link io.jenkins.plugins.kargo.api.ConfigLoader} into immutable records
 * held by a {@link io.jenkins.plugins.kargo.api.KargoConfig}. Everything is validated before it is returned; every
 * problem names file, line, field and fix ({@link io.jenkins.plugins.kargo.api.ConfigProblem}). Older and current
 * field names map onto one model; see {@code docs/configuration.md}.
 */
package io.jenkins.plugins.kargo.api;
