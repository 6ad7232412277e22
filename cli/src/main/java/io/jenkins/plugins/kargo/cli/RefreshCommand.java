package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.controller.WarehouseRefresh;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kargo refresh warehouse NAME}: discover now. */
@Command(name = "refresh", description = "Refresh a resource now.", subcommands = {RefreshCommand.Warehouse.class, RefreshCommand.Stage.class})
final class RefreshCommand {

    @Command(name = "warehouse", description = "Discover the warehouse's artifacts now and make Freight of the newest.")
    static final class Warehouse extends EngineCommand {


        @Parameters(paramLabel = "NAME", description = "The warehouse.")
        String name;

        @Override
        int run(KargoEngine engine, PrintWriter out) throws ConfigException {
            WarehouseRefresh refresh = engine.refreshWarehouse(project(engine), name);
            if (!refresh.succeeded()) {
                throw new CommandFailure(ExitCodes.FAILED, "warehouse " + name + ": no Freight was made:\n  "
                        + String.join("\n  ", refresh.problems()));
            }
            var creation = refresh.freight().orElseThrow();
            out.println("warehouse/" + name + " refreshed: Freight " + creation.freight().name() + " ("
                    + creation.freight().alias() + ")" + (creation.created() ? " created" : " unchanged"));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "stage", description = "Auto-promote into the stage if its policy says so, and run its queued promotions.")
    static final class Stage extends EngineCommand {


        @Parameters(paramLabel = "NAME", description = "The stage.")
        String name;

        @Override
        int run(KargoEngine engine, PrintWriter out) throws ConfigException {
            String project = project(engine);
            var queued = engine.refreshStage(project, name);
            if (queued.isEmpty()) {
                out.println("stage/" + name + " refreshed: nothing to auto-promote");
            } else {
                var promotion = engine.store().promotions().get(project, queued.get().name()).orElseThrow();
                out.println("stage/" + name + " refreshed: promotion/" + promotion.name() + " of Freight "
                        + promotion.freight() + " " + promotion.phase()
                        + (promotion.message().isEmpty() ? "" : ": " + promotion.message()));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
