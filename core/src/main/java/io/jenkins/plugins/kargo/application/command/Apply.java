package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.promotion.git.ConfigClone;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@code apply}: validates Kargo YAML and stores it, replacing each of its projects whole. */
final class Apply {

    private final KargoEngine engine;
    private final CredentialsProvider credentials;

    Apply(KargoEngine engine, CredentialsProvider credentials) {
        this.engine = engine;
        this.credentials = credentials;
    }

    ApplyResult run(ConfigInput input, String actor) throws ConfigException {
        if (input instanceof ConfigInput.FromGit git) {
            return fromGit(git, actor);
        }
        var applied = input instanceof ConfigInput.FromPath path ? engine.apply(path.path(), actor)
                : engine.apply(((ConfigInput.FromStream) input).in(), actor);
        return new ApplyResult(applied.projects().stream().map(p -> new ApplyResult.AppliedProject(p.name(),
                p.resources().stream().map(r -> new ApplyResult.Resource(r.kind().kind(), r.name())).toList()))
                .toList(), applied.warnings());
    }

    /** Applies the path of a shallow clone; problems and warnings name the file as REPO@BRANCH:PATH, not the clone. */
    private ApplyResult fromGit(ConfigInput.FromGit git, String actor) throws ConfigException {
        try (ConfigClone clone = ConfigClone.of(git.repoURL(), git.branch(), credentials)) {
            Path path = git.path().isEmpty() ? clone.directory() : clone.directory().resolve(git.path());
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("there is no " + git.path() + " on branch " + git.branch()
                        + " of " + clone.repository() + "; fix the project source's path");
            }
            String prefix = clone.directory() + "/";
            UnaryOperator<ConfigProblem> named = p -> new ConfigProblem(p.severity(), new SourceLocation(
                    p.location().file().startsWith(prefix) ? clone.repository() + "@" + git.branch() + ":"
                            + p.location().file().substring(prefix.length()) : p.location().file(),
                    p.location().line(), p.location().field()), p.message(), p.fix(), p.kind());
            ApplyResult result;
            try {
                result = run(ConfigInput.path(path), actor);
            } catch (ConfigException e) {
                throw new ConfigException(e.problems().stream().map(named).toList());
            }
            List<ConfigProblem> warnings = result.warnings().stream().map(named).toList();
            return new ApplyResult(result.projects(), warnings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for a clone of the project source", e);
        }
    }
}
