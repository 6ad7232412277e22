/**
 * Semantic versions as Kargo reads them: tags parsed the way Masterminds semver v3 parses them
 * ({@link io.jenkins.plugins.kargo.semver.SemverTags}), ranges in Masterminds' constraint language with
 * Kargo's pre-release rule ({@link io.jenkins.plugins.kargo.semver.SemverRange}), and SemVer 2.0
 * precedence ({@link io.jenkins.plugins.kargo.semver.SemverPrecedence}). Versions are semver4j
 * {@link org.semver4j.Semver} values.
 */
package io.jenkins.plugins.kargo.semver;
