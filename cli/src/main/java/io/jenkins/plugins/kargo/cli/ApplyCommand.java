package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.KargoResource;
import io.jenkins.plugins.kargo.controller.AppliedProject;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo apply -f DIR|FILE|-}: validates the whole configuration, then stores it per project. */
@Command(name = "apply", description = "Validate Kargo YAML (a directory, a file or - for stdin) and store it.")
final class ApplyCommand extends EngineCommand {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
            description = "A directory (read recursively), a file, or - for standard input.")
    String filename;

    @Override
    int run(KargoEngine engine, PrintWriter out) throws ConfigException {
        var applied = "-".equals(filename) ? engine.apply(System.in, Actor.current())
                : engine.apply(Path.of(filename), Actor.current());
        for (ConfigProblem warning : applied.warnings()) {
            err().println("warning: " + warning);
        }
        for (AppliedProject project : applied.projects()) {
            for (KargoResource resource : project.resources()) {
                out.println(resource.kind().kind().toLowerCase(java.util.Locale.ROOT) + "/" + resource.name()
                        + " configured (project " + project.name() + ")");
            }
        }
        return ExitCodes.OK;
    }
}
