package io.jenkins.plugins.kargo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes YAML files into a directory and loads them, for tests of what the loader accepts and refuses. */
final class ConfigFixture {

    static final String PROJECT = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Project
            metadata:
              name: shop
            """;

    static final String WAREHOUSE = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Warehouse
            metadata:
              name: images
              namespace: shop
            spec:
              subscriptions:
                - image:
                    repoURL: registry.example.com/shop/web
                    constraint: ^1.0.0
            """;

    static final String STAGE = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Stage
            metadata:
              name: test
              namespace: shop
            spec:
              requestedFreight:
                - origin: {kind: Warehouse, name: images}
                  sources: {direct: true}
            """;

    private final Path dir;

    ConfigFixture(Path dir) {
        this.dir = dir;
    }

    /** A valid project (Project, Warehouse "images", Stage "test") to which a test adds its own file. */
    ConfigFixture withBase() {
        return with("project.yaml", PROJECT).with("warehouse.yaml", WAREHOUSE).with("stage.yaml", STAGE);
    }

    ConfigFixture with(String name, String yaml) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    KargoConfig load() throws ConfigException {
        return new ConfigLoader().load(dir);
    }

    /** The errors of a load that must fail. */
    List<ConfigProblem> errors() {
        ConfigException e = catchThrowableOfType(ConfigException.class, this::load);
        assertThat(e).as("the load should fail").isNotNull();
        assertThat(e.errors()).isNotEmpty();
        assertThat(e.getMessage()).contains(e.errors().get(0).toString());
        return e.errors();
    }

    /** The one error of a load that must fail with exactly one. */
    ConfigProblem error() {
        List<ConfigProblem> errors = errors();
        assertThat(errors).as("exactly one error").hasSize(1);
        return errors.get(0);
    }

    /** The 1-based line of the first line of {@code yaml} containing {@code text}: what the error must point at. */
    static int lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the snippet");
    }

    /** Asserts file, line, field, and that message and fix say what is expected. */
    static void assertProblem(ConfigProblem problem, String file, int line, String field, String message, String fix) {
        assertThat(problem.location().file()).endsWith(file);
        assertThat(problem.location().line()).as("line of %s", problem).isEqualTo(line);
        assertThat(problem.location().field()).isEqualTo(field);
        assertThat(problem.message()).contains(message);
        assertThat(problem.fix()).contains(fix);
        assertThat(problem.toString()).contains(file + ":" + line + (field.isEmpty() ? "" : " " + field) + ": ")
                .contains("Fix: ");
    }
}
