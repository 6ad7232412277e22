package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.AbortResult;
import io.jenkins.plugins.kargo.application.command.VerificationTicket;
import io.jenkins.plugins.kargo.application.view.FreightRef;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kargo verify stage NAME [--abort]}, as Kargo's. */
@Command(name = "verify", description = "Verify a resource again.", subcommands = VerifyCommand.Stage.class)
final class VerifyCommand {

    @Command(name = "stage", description = {"Verify the stage's current Freight again and report the outcome.",
            "With --abort, abort the stage's verification instead."})
    static final class Stage extends EngineCommand {

        @Parameters(paramLabel = "NAME", description = "The stage.")
        String name;

        @Option(names = "--abort", description = "Abort the stage's verification: a queued one at once, a running one"
                + " before its next measurement.")
        boolean abort;

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException {
            String project = project(kargo);
            if (abort) {
                AbortResult aborted = kargo.commands().abortVerification(project, name, Actor.current());
                out.println("verification/" + aborted.name() + (aborted.abortedNow() ? " aborted"
                        : " will abort before its next measurement"));
                return ExitCodes.OK;
            }
            VerificationTicket queued = kargo.commands().verify(project, name, Actor.current());
            out.println("verification/" + queued.name() + " created: Freight "
                    + queued.freight().stream().map(FreightRef::name).collect(Collectors.joining(",")) + " in stage " + name);
            out.flush();
            if (!kargo.commands().runQueue(project, name)) {
                out.println("queued: another kargo process is running stage " + name + "; see `kargo get verifications"
                        + " --stage " + name + "`");
                return ExitCodes.OK;
            }
            return VerificationReport.print(out, kargo.views().verification(project, queued.name()));
        }
    }
}
