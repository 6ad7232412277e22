package io.jenkins.plugins.kargo.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A promotion target: which freight it takes ({@code requestedFreight}), how freight is promoted into it (current
 * {@code promotionTemplate} steps, or the seed's legacy {@code promotionMechanisms}, which the promotion package
 * translates into the same steps), and how it is verified.
 */
public record Stage(String project, String name, Map<String, String> labels, List<ExpressionVariable> vars,
                    List<FreightRequest> requestedFreight, Optional<PromotionTemplate> promotionTemplate,
                    Optional<PromotionMechanisms> promotionMechanisms, Optional<Verification> verification,
                    SourceLocation location) implements KargoResource {

    public Stage {
        labels = Map.copyOf(labels);
        vars = List.copyOf(vars);
        requestedFreight = List.copyOf(requestedFreight);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.STAGE;
    }

    /** The names of the stages this one takes freight from, over all its requests, in order written. */
    public List<String> upstreamStages() {
        return requestedFreight.stream().flatMap(r -> r.sources().stages().stream()).distinct().toList();
    }
}
