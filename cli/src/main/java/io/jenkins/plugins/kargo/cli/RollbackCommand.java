package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.promotion.Promotion;
import java.io.PrintWriter;
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
    int run(KargoEngine engine, PrintWriter out) throws ConfigException, InterruptedException {
        String project = project(engine);
        Promotion queued = engine.rollback(project, stage, to, Actor.current());
        return PromotionProgress.runAndReport(engine, project, queued, wait, out, new ConsoleEvents(err()));
    }
}
