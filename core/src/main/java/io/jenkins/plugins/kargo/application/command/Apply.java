package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.controller.KargoEngine;

/** {@code apply}: validates Kargo YAML and stores it, replacing each of its projects whole. */
final class Apply {

    private final KargoEngine engine;

    Apply(KargoEngine engine) {
        this.engine = engine;
    }

    ApplyResult run(ConfigInput input, String actor) throws ConfigException {
        var applied = input instanceof ConfigInput.FromPath path ? engine.apply(path.path(), actor)
                : engine.apply(((ConfigInput.FromStream) input).in(), actor);
        return new ApplyResult(applied.projects().stream().map(p -> new ApplyResult.AppliedProject(p.name(),
                p.resources().stream().map(r -> new ApplyResult.Resource(r.kind().kind(), r.name())).toList()))
                .toList(), applied.warnings());
    }
}
