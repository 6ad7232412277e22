package io.jenkins.plugins.kargo.application.view;

import java.util.List;
import java.util.Optional;

/** Which Freight a timeline shows: from one warehouse, and only those named (names or aliases); both optional. */
public record FreightFilter(Optional<String> warehouse, List<String> names) {

    public static final FreightFilter ALL = new FreightFilter(Optional.empty(), List.of());

    public FreightFilter {
        names = List.copyOf(names);
    }
}
