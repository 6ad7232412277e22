package io.jenkins.plugins.kargo.api;

/** Reads a {@code PromotionTask} / {@code ClusterPromotionTask} {@code spec}: its inputs and its steps. */
final class PromotionTaskReader {

    private PromotionTaskReader() {
    }

    static PromotionTask read(ResourceKind kind, String project, String name, ConfigNode spec,
                              SourceLocation location) {
        spec.allowOnly("vars", "steps");
        return new PromotionTask(kind, project, name, StageReader.vars(spec.get("vars")),
                StageReader.steps(spec, false, "a promotion task"), location);
    }
}
