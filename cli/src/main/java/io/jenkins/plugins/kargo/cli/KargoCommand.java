package io.jenkins.plugins.kargo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/**
 * The {@code kargo} command, modelled on Kargo's own CLI. Exit codes: {@value ExitCodes#OK} done,
 * {@value ExitCodes#FAILED} the operation failed, {@value ExitCodes#USAGE} bad usage or invalid configuration.
 */
@Command(name = "kargo", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = KargoVersion.class,
        description = {"Kargo-style progressive delivery: discover artifact versions, record Freight,",
                "promote it through stages and verify it there.",
                "Options go after the command, kubectl style; `kargo help COMMAND` lists them."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done",
                "1:the operation failed (a registry error, something not found, a promotion or verification that did not succeed)",
                "2:bad usage or invalid configuration"},
        subcommands = {ApplyCommand.class, CreateCommand.class, RefreshCommand.class, GetCommand.class, PromoteCommand.class,
                ApproveCommand.class, RejectCommand.class, RollbackCommand.class, VerifyCommand.class,
                ServeCommand.class, HelpCommand.class})
public final class KargoCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the console and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output and error streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new KargoCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((failure, given) -> standard.handleParseException(
                ErrorReporter.plainGroupError(failure), given));
        cli.setExitCodeExceptionMapper(ErrorReporter::exitCode);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        return cli.execute(args);
    }
}
