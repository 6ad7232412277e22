package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.freight.Freight;

/**
 * The outcome of storing a Freight: the stored Freight (with its alias and creation time), and whether this call
 * created it ({@code false}: a Freight with the same name existed already, as the same artifacts give the same
 * name, and it is returned unchanged).
 */
public record FreightCreation(Freight freight, boolean created) {
}
