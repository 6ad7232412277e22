/**
 * Tag selection as Kargo's tag-based selectors do it: allow/ignore patterns in RE2 syntax
 * ({@link io.jenkins.plugins.kargo.tags.TagFilter}) and the orders of the SemVer and Lexical strategies
 * ({@link io.jenkins.plugins.kargo.tags.TagOrder}).
 */
package io.jenkins.plugins.kargo.tags;
