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
