package io.jenkins.plugins.kargo.plugin.builders;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/** Runs a step's execution for a freestyle build and waits for its end in the build's thread. */
final class BuildSteps {

    private BuildSteps() {
    }

    static Object run(Run<?, ?> run, TaskListener listener, Function<StepContext, StepExecution> execution)
            throws IOException, InterruptedException {
        BuildContext context = new BuildContext(run, listener);
        StepExecution started = execution.apply(context);
        try {
            if (!started.start()) {
                return context.end().get();
            }
            return context.end().getNow(null);
        } catch (InterruptedException e) {
            stop(started, e);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new AbortException(String.valueOf(cause.getMessage()));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AbortException(String.valueOf(e.getMessage()));
        }
    }

    /** The build was aborted: the execution undoes what it started (a promotion is aborted too). */
    private static void stop(StepExecution execution, InterruptedException cause) {
        try {
            execution.stop(cause);
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
