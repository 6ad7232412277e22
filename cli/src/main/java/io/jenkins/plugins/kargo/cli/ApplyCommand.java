package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.ApplyResult;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo apply -f DIR|FILE|-}: validates the whole configuration, then stores it per project. */
@Command(name = "apply", description = "Validate Kargo YAML (a directory, a file or - for stdin) and store it.")
final class ApplyCommand extends EngineCommand {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
            description = "A directory (read recursively), a file, or - for standard input.")
    String filename;

    @Option(names = {"-v", "--verbose"}, description = "List every warning with its file, line and fix "
            + "(by default one line per kind of warning).")
    boolean verbose;

    @Override
    int run(Kargo kargo, PrintWriter out) throws ConfigException {
        ApplyResult applied = kargo.commands().apply("-".equals(filename) ? ConfigInput.stream(System.in)
                : ConfigInput.path(Path.of(filename)), Actor.current());
        List<?> warnings = verbose ? applied.warnings() : applied.warningGroups();
        warnings.forEach(warning -> err().println("warning: " + warning));
        for (ApplyResult.AppliedProject project : applied.projects()) {
            for (ApplyResult.Resource resource : project.resources()) {
                out.println(resource.kind().toLowerCase(Locale.ROOT) + "/" + resource.name()
                        + " configured (project " + project.name() + ")");
            }
        }
        if (!applied.warnings().isEmpty()) {
            err().println(applied.summary() + (verbose ? "" : "; kargo apply -v lists each"));
        }
        return ExitCodes.OK;
    }
}
