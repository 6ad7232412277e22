package io.jenkins.plugins.kargo.application.view;

import java.util.List;

/**
 * A page of Freight, newest first, how many the filter matched in all, and what a filter may choose from.
 *
 * @param offset     how many matching Freight come before this page
 * @param limit      the most this page may hold
 * @param stages     the project's stages in the configuration's order (a timeline's columns)
 * @param warehouses the project's warehouses
 * @param artifacts  every artifact any Freight of the project carries ({@link FreightCard.Artifact#repository()}),
 *                   sorted: what the artifact filter may name
 */
public record FreightTimeline(List<FreightCard> freight, int total, int offset, int limit, List<String> stages,
                              List<String> warehouses, List<String> artifacts) {

    public FreightTimeline {
        freight = List.copyOf(freight);
        stages = List.copyOf(stages);
        warehouses = List.copyOf(warehouses);
        artifacts = List.copyOf(artifacts);
    }
}
