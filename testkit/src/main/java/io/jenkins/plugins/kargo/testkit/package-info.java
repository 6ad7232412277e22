/** Test fixtures that drive real servers: registry fillers, fault injection, service discovery. */
package io.jenkins.plugins.kargo.testkit;
