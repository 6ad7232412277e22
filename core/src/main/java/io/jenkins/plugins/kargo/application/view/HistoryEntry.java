package io.jenkins.plugins.kargo.application.view;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a stage's Freight history (newest first; the first is current, the others are rollback targets): the
 * Freight a promotion put there, one per origin.
 */
public record HistoryEntry(List<Item> freight, String promotion, Instant promotedAt, boolean current) {

    public HistoryEntry {
        freight = List.copyOf(freight);
    }

    /** A Freight of the entry; alias and versions are empty when the Freight no longer exists. */
    public record Item(String name, String alias, String versions) {
    }
}
