package io.jenkins.plugins.kargo.application.view;

import java.util.List;

/** A page of Freight, newest first, and how many the filter matched in all. */
public record FreightTimeline(List<FreightCard> freight, int total) {

    public FreightTimeline {
        freight = List.copyOf(freight);
    }
}
