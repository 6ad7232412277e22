package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.state.KargoStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration last applied for each project: parsed and validated once per applied version (an apply in any
 * process makes a new one), then served from memory. Shared by the engine and what expressions read
 * ({@code configMap()}).
 */
final class AppliedConfigurations {

    private final KargoStore store;
    private final ConfigLoader loader = new ConfigLoader();
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(Instant version, KargoConfig config) {
    }

    AppliedConfigurations(KargoStore store) {
        this.store = store;
    }

    /** @throws NoSuchElementException when {@code project} has never been applied */
    KargoConfig of(String project) throws ConfigException {
        Instant version = store.configurations().appliedAt(project).orElseThrow(() -> noConfiguration(project));
        Loaded last = loaded.get(project);
        if (last != null && last.version().equals(version)) {
            return last.config();
        }
        var applied = store.configurations().get(project).orElseThrow(() -> noConfiguration(project));
        KargoConfig config;
        try {
            config = loader.load(applied.documents());
        } catch (ConfigException e) {
            throw storedCopyBroken(e);
        }
        loaded.put(project, new Loaded(applied.appliedAt(), config));
        return config;
    }

    /**
     * The stored copy no longer loads (damaged, or written by another version): the problems point at that copy, not
     * at the user's file, which may be fine or gone.
     */
    private ConfigException storedCopyBroken(ConfigException e) {
        Path database = store.directory().resolve(KargoStore.DATABASE);
        return new ConfigException(e.problems().stream().map(p -> new ConfigProblem(p.severity(),
                new SourceLocation("the copy of " + p.location().file() + " stored in " + database,
                        p.location().line(), p.location().field()), p.message(),
                "apply the project's configuration again (kargo apply -f DIR) to replace the stored copy", p.kind()))
                .toList());
    }

    private static NoSuchElementException noConfiguration(String project) {
        return new NoSuchElementException("project " + project + " has no configuration; run `kargo apply -f DIR` first");
    }
}
