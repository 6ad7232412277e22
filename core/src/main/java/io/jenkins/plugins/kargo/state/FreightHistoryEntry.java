package io.jenkins.plugins.kargo.state;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a stage's Freight history (Kargo's {@code freightHistory}): the Freight collection a promotion put
 * into the stage.
 *
 * @param id        Kargo's collection ID: the SHA-1 of the sorted Freight names joined with {@code ,}
 * @param items     the Freight name per origin ({@code Warehouse/name})
 * @param promotion the promotion that put it there
 */
public record FreightHistoryEntry(String id, Map<String, String> items, String promotion, Instant promotedAt) {

    public FreightHistoryEntry {
        items = Map.copyOf(items);
    }
}
