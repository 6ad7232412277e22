package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception into a message on standard error and an exit code: configuration problems one per line with
 * file, line, field and fix; everything else as one line prefixed with {@code error:}. No stack traces.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    static int exitCode(Throwable failure) {
        if (failure instanceof CommandFailure f) {
            return f.exitCode();
        }
        return failure instanceof ConfigException || failure instanceof CommandLine.ParameterException
                ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    /**
     * Picocli says that options of two exclusive groups were given as its group syntax
     * ({@code expected only one match but got ([--stage=NAME ...)}); this says it in the user's options.
     */
    static CommandLine.ParameterException plainGroupError(CommandLine.ParameterException failure) {
        if (!(failure instanceof CommandLine.MaxValuesExceededException)
                || !String.valueOf(failure.getMessage()).contains("expected only one match")) {
            return failure;
        }
        CommandLine cli = failure.getCommandLine();
        String given = cli.getParseResult().matchedOptions().stream().filter(o -> o.group() != null)
                .map(CommandLine.Model.OptionSpec::longestName)
                .distinct().collect(java.util.stream.Collectors.joining(", "));
        return new CommandLine.ParameterException(cli, "Error: " + given + " cannot be given together; `kargo "
                + cli.getCommandName() + " --help` shows which options go together");
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine cli, ParseResult parsed) {
        var err = cli.getErr();
        if (failure instanceof ConfigException config) {
            for (ConfigProblem problem : config.problems()) {
                err.println(problem);
            }
            err.println("error: the configuration has " + config.errors().size() + " error(s); nothing was changed");
        } else {
            err.println("error: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        }
        err.flush();
        return exitCode(failure);
    }
}
