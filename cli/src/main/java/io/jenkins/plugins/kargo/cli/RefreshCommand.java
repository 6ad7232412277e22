package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.PromotionTicket;
import io.jenkins.plugins.kargo.application.command.WarehouseRefreshResult;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kargo refresh warehouse NAME} (discover now) and {@code kargo refresh stage NAME} (run its queue now). */
@Command(name = "refresh", description = "Refresh a resource now.", subcommands = {RefreshCommand.Warehouse.class, RefreshCommand.Stage.class})
final class RefreshCommand {

    @Command(name = "warehouse", description = "Discover the warehouse's artifacts now and make Freight of the newest.")
    static final class Warehouse extends EngineCommand {

        @Parameters(paramLabel = "NAME", description = "The warehouse.")
        String name;

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException {
            WarehouseRefreshResult refresh = kargo.commands().refresh(project(kargo), Optional.of(name)).get(0);
            if (!refresh.succeeded()) {
                throw new CommandFailure(ExitCodes.FAILED, "warehouse " + name + ": no Freight was made:\n  "
                        + String.join("\n  ", refresh.problems()));
            }
            if (refresh.freight().isEmpty()) {
                out.println("warehouse/" + name + " refreshed: " + refresh.held());
                return ExitCodes.OK;
            }
            var freight = refresh.freight().get();
            out.println("warehouse/" + name + " refreshed: Freight " + freight.name() + " ("
                    + freight.alias() + ")" + (refresh.created() ? " created" : " unchanged"));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "stage", description = {"Auto-promote into the stage if its policy says so, then run its queue.",
            "Queued promotions run oldest first, each followed by its verification. The",
            "auto-promotion is reported as `kargo promote` reports a promotion (exit 1",
            "when it or its verification did not succeed)."})
    static final class Stage extends EngineCommand {

        @Parameters(paramLabel = "NAME", description = "The stage.")
        String name;

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException, InterruptedException, ExecutionException {
            String project = project(kargo);
            Optional<PromotionTicket> queued = kargo.commands().refreshStage(project, name);
            if (queued.isEmpty()) {
                out.println("stage/" + name + " refreshed: nothing to auto-promote");
                out.flush();
                return ExitCodes.OK;
            }
            out.println("stage/" + name + " refreshed: promotion/" + queued.get().name() + " of Freight "
                    + queued.get().freight().name() + " auto-promoted");
            out.flush();
            return PromotionProgress.report(kargo, project, queued.get().name(), false, out, new ConsoleEvents(err()));
        }
    }
}
