/**
 * The Kargo promotion engine: configuration ({@code api}), discovery, freight, state, and later promotion,
 * verification and the controller loop. Plain Java, no Jenkins.
 */
package io.jenkins.plugins.kargo;
