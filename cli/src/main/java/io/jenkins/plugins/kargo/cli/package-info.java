/** The {@code kargo} command. */
package io.jenkins.plugins.kargo.cli;
