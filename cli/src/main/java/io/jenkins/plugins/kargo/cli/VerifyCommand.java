package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.io.PrintWriter;
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
        int run(KargoEngine engine, PrintWriter out) throws ConfigException {
            String project = project(engine);
            if (abort) {
                VerificationRun aborted = engine.abortVerification(project, name, Actor.current());
                out.println("verification/" + aborted.name() + (aborted.phase().isTerminal() ? " aborted"
                        : " will abort before its next measurement"));
                return ExitCodes.OK;
            }
            VerificationRun queued = engine.verifyStage(project, name, Actor.current());
            out.println("verification/" + queued.name() + " created: Freight "
                    + String.join(",", queued.freight().values()) + " in stage " + name);
            out.flush();
            if (!engine.runPromotions(project, name)) {
                out.println("queued: another kargo process is running stage " + name + "; see `kargo get verifications"
                        + " --stage " + name + "`");
                return ExitCodes.OK;
            }
            return VerificationReport.print(out, engine.store().verifications().get(project, queued.name()).orElseThrow());
        }
    }
}
