package io.jenkins.plugins.kargo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kargo} command, modelled on Kargo's own CLI. Exit codes: {@value ExitCodes#OK} done,
 * {@value ExitCodes#FAILED} the operation failed, {@value ExitCodes#USAGE} bad usage or invalid configuration.
 */
@Command(name = "kargo", mixinStandardHelpOptions = true, versionProvider = KargoVersion.class,
        description = "Kargo-style progressive delivery: discover artifact versions, record Freight.",
        subcommands = {ApplyCommand.class, RefreshCommand.class, GetCommand.class})
public final class KargoCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; used by {@link #main} and the tests. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new KargoCommand());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setExitCodeExceptionMapper(ErrorReporter::exitCode);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        return cli.execute(args);
    }
}
