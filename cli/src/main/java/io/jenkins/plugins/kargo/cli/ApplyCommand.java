package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.KargoResource;
import io.jenkins.plugins.kargo.controller.AppliedProject;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kargo apply -f DIR|FILE|-}: validates the whole configuration, then stores it per project. */
@Command(name = "apply", description = "Validate Kargo YAML (a directory, a file or - for stdin) and store it.")
final class ApplyCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
            description = "A directory (read recursively), a file, or - for standard input.")
    String filename;

    @Override
    public Integer call() throws ConfigException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KargoEngine engine = Engines.open(global, err)) {
            var applied = "-".equals(filename) ? engine.apply(System.in, Actor.current())
                    : engine.apply(Path.of(filename), Actor.current());
            for (ConfigProblem warning : applied.warnings()) {
                err.println("warning: " + warning);
            }
            for (AppliedProject project : applied.projects()) {
                for (KargoResource resource : project.resources()) {
                    out.println(resource.kind().kind().toLowerCase(java.util.Locale.ROOT) + "/" + resource.name()
                            + " configured (project " + project.name() + ")");
                }
            }
            out.flush();
            err.flush();
        }
        return ExitCodes.OK;
    }
}
