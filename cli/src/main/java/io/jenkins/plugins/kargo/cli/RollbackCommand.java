package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.PromotionTicket;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kargo rollback --stage S [--to F] [--wait]}: promotes the stage's previous Freight (or {@code F}, a name or
 * alias from its history) through the normal path, and holds auto-promotion until someone releases it.
 */
@Command(name = "rollback", description = "Promote a stage's previous Freight again and hold auto-promotion.")
final class RollbackCommand extends EngineCommand {

    @Option(names = "--stage", required = true, paramLabel = "NAME", description = "The stage to roll back.")
    String stage;

    @Option(names = "--to", paramLabel = "FREIGHT",
            description = "A Freight (name or alias) from the stage's history; default: the previous one.")
    String to;

    @Option(names = "--wait", description = "When another kargo process runs the stage, wait for the promotion and its verification to end.")
    boolean wait;

    @Override
    int run(Kargo kargo, PrintWriter out) throws ConfigException, InterruptedException, ExecutionException {
        String project = project(kargo);
        PromotionTicket queued = kargo.commands().rollback(project, stage,
                Optional.ofNullable(to).map(FreightSelector::byNameOrAlias), Actor.current());
        return PromotionProgress.runAndReport(kargo, project, queued, wait, out, new ConsoleEvents(err()));
    }
}
