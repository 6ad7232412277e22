package io.jenkins.plugins.kargo.state;

import java.time.Instant;

/**
 * Kargo's auto-promotion hold: set when someone promotes a Freight other than the one auto-promotion would pick
 * (a rollback, an older Freight), so automation does not roll the stage forward again; lifted by promoting the
 * candidate or by releasing it.
 *
 * @param freight the Freight whose promotion set the hold
 */
public record AutoPromotionHold(String freight, String actor, Instant since) {
}
