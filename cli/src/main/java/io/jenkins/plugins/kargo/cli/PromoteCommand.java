package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.AbortResult;
import io.jenkins.plugins.kargo.application.command.PromotionTicket;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kargo promote --stage S (--freight F | --freight-alias A | --warehouse W) [--wait]}, and
 * {@code kargo promote --name P --abort}, as Kargo's.
 */
@Command(name = "promote", description = "Promote Freight into a stage, or abort a promotion.")
final class PromoteCommand extends EngineCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @ArgGroup(exclusive = false)
        Promote promote;

        @ArgGroup(exclusive = false)
        Abort abort;
    }

    static final class Promote {
        @Option(names = "--stage", required = true, paramLabel = "NAME", description = "The stage to promote into.")
        String stage;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Freight freight;

        @Option(names = "--wait", description = "When another kargo process runs the stage, wait for the promotion and its verification to end.")
        boolean wait;
    }

    static final class Freight {
        @Option(names = "--freight", paramLabel = "NAME", description = "The Freight, by name.")
        String name;

        @Option(names = "--freight-alias", paramLabel = "ALIAS", description = "The Freight, by alias.")
        String alias;

        @Option(names = "--warehouse", paramLabel = "NAME",
                description = "The auto-promotion candidate from this warehouse (lifts an auto-promotion hold).")
        String warehouse;
    }

    static final class Abort {
        @Option(names = "--name", required = true, paramLabel = "PROMOTION", description = "The promotion to abort.")
        String name;

        @Option(names = "--abort", required = true, description = "Abort it: a pending one at once, a running one before its next step.")
        boolean abort;
    }

    @Override
    int run(Kargo kargo, PrintWriter out) throws ConfigException, InterruptedException, ExecutionException {
        String project = project(kargo);
        if (what.abort != null) {
            AbortResult aborted = kargo.commands().abortPromotion(project, what.abort.name, Actor.current());
            out.println("promotion/" + aborted.name() + (aborted.abortedNow() ? " aborted"
                    : " will abort before its next step"));
            return ExitCodes.OK;
        }
        Promote promote = what.promote;
        FreightSelector freight = promote.freight.warehouse != null
                ? FreightSelector.newestFrom(promote.freight.warehouse)
                : FreightSelector.byNameOrAlias(promote.freight.name != null ? promote.freight.name : promote.freight.alias);
        PromotionTicket queued = kargo.commands().promote(project, promote.stage, freight, Actor.current());
        return PromotionProgress.runAndReport(kargo, project, queued, promote.wait, out, new ConsoleEvents(err()));
    }
}
