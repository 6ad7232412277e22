package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.view.FreightCard;
import io.jenkins.plugins.kargo.application.view.FreightFilter;
import io.jenkins.plugins.kargo.application.view.FreightRef;
import io.jenkins.plugins.kargo.application.view.HistoryEntry;
import io.jenkins.plugins.kargo.application.view.StageCard;
import io.jenkins.plugins.kargo.application.view.VerificationDetail;
import io.jenkins.plugins.kargo.application.view.WarehouseCard;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kargo get warehouses|freight|stages|promotions|verifications}: the read model as tables, or the resources
 * as Kargo shows them ({@code -o json|yaml}).
 */
@Command(name = "get", description = "Display resources.",
        subcommands = {GetCommand.Warehouses.class, GetCommand.FreightList.class, GetCommand.Stages.class,
                GetCommand.Promotions.class, GetCommand.Verifications.class})
final class GetCommand {

    @Command(name = "stages", aliases = "stage",
            description = "List stages: current Freight, health, last promotion, hold, last verification.")
    static final class Stages extends EngineCommand {

        @Mixin
        Output output;

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException {
            String project = project(kargo);
            if (output.structured()) {
                Printer.print(out, output.format, kargo.views().manifests().stages(project), false);
                return ExitCodes.OK;
            }
            int width = output.format == OutputFormat.wide ? 0 : VerificationReport.CELL_WIDTH;
            Table table = new Table(List.of("NAME", "CURRENT FREIGHT", "HEALTH", "LAST PROMOTION", "HOLD", "VERIFICATION"));
            for (StageCard stage : kargo.views().stages(project)) {
                String current = stage.current().isEmpty() ? "<none>"
                        : stage.current().stream().map(FreightRef::label).collect(Collectors.joining(","));
                String last = stage.lastPromotion().map(p -> p.name() + " (" + p.phase() + ")").orElse("<none>");
                String hold = stage.hold().map(h -> h.freight().label() + " by " + h.actor()).orElse("");
                String verification = stage.lastVerification().map(v -> VerificationReport.summary(v, width)).orElse("");
                table.row(List.of(stage.name(), current, stage.health(), last, hold, verification));
            }
            table.print(out, !output.noHeaders);
            return ExitCodes.OK;
        }
    }

    @Command(name = "promotions", aliases = {"promotion", "promos", "promo"}, description = "List promotions, oldest first.")
    static final class Promotions extends EngineCommand {

        @Mixin
        Output output;

        @Option(names = "--stage", paramLabel = "NAME", description = "Only promotions into this stage.")
        String stage;

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException {
            String project = project(kargo);
            if (output.structured()) {
                Printer.print(out, output.format, kargo.views().manifests().promotions(project,
                        Optional.ofNullable(stage)), false);
                return ExitCodes.OK;
            }
            Table table = new Table(List.of("NAME", "STAGE", "FREIGHT", "PHASE", "AGE"));
            Instant now = Instant.now();
            kargo.views().promotions(project, Optional.ofNullable(stage)).forEach(p -> table.row(List.of(p.name(),
                    p.stage(), p.freight().label(), p.phase(), Ages.since(p.createdAt(), now))));
            table.print(out, !output.noHeaders);
            return ExitCodes.OK;
        }
    }

    @Command(name = "verifications", aliases = "verification",
            description = {"List verifications, oldest first (stage by stage).",
                    "-o json or yaml: a list of Kargo VerificationInfo with every metric and measurement."})
    static final class Verifications extends EngineCommand {

        @Mixin
        Output output;

        @Option(names = "--stage", paramLabel = "NAME", description = "Only verifications of this stage.")
        String stage;

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException {
            String project = project(kargo);
            if (output.structured()) {
                // not resources: Kargo keeps verifications inside the Stage's status
                Printer.write(out, output.format, kargo.views().manifests().verifications(project,
                        Optional.ofNullable(stage)));
                return ExitCodes.OK;
            }
            int width = output.format == OutputFormat.wide ? 0 : VerificationReport.CELL_WIDTH;
            Table table = new Table(List.of("NAME", "STAGE", "FREIGHT", "PHASE", "AGE", "MESSAGE"));
            Instant now = Instant.now();
            for (VerificationDetail v : kargo.views().verifications(project, Optional.ofNullable(stage))) {
                table.row(List.of(v.name(), v.stage(), v.freight().stream().map(FreightRef::label)
                        .collect(Collectors.joining(",")), v.phase(), Ages.since(v.createdAt(), now),
                        VerificationReport.cut(v.reason(), width)));
            }
            table.print(out, !output.noHeaders);
            return ExitCodes.OK;
        }
    }

    /** Options shared by every {@code get}. */
    static final class Output {

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default), wide, json or yaml.")
        OutputFormat format;

        @Option(names = "--no-headers", description = "Print tables without the header line.")
        boolean noHeaders;

        /** Resources as Kargo shows them rather than a table. */
        boolean structured() {
            return format == OutputFormat.json || format == OutputFormat.yaml;
        }
    }

    @Command(name = "warehouses", aliases = "warehouse", description = "List warehouses and their last discovery.")
    static final class Warehouses extends EngineCommand {

        @Mixin
        Output output;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these warehouses.")
        List<String> names = new ArrayList<>();

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException {
            String project = project(kargo);
            if (output.structured()) {
                Printer.print(out, output.format, kargo.views().manifests().warehouses(project, names), names.size() == 1);
                return ExitCodes.OK;
            }
            Table table = new Table(output.format == OutputFormat.wide
                    ? List.of("NAME", "READY", "FREIGHT", "DISCOVERED", "INTERVAL", "SUBSCRIPTIONS", "MESSAGE")
                    : List.of("NAME", "READY", "FREIGHT", "DISCOVERED"));
            Instant now = Instant.now();
            for (WarehouseCard warehouse : kargo.views().warehouses(project, names)) {
                List<String> row = new ArrayList<>(List.of(warehouse.name(), warehouse.ready(),
                        warehouse.lastFreight().map(FreightRef::alias).orElse("<none>"),
                        warehouse.lastDiscoveredAt().map(t -> Ages.since(t, now)).orElse("<never>")));
                if (output.format == OutputFormat.wide) {
                    row.add(GoDurationOption.text(warehouse.interval()));
                    row.add(String.valueOf(warehouse.subscriptions()));
                    row.add(warehouse.message());
                }
                table.row(row);
            }
            table.print(out, !output.noHeaders);
            return ExitCodes.OK;
        }
    }

    @Command(name = "freight", description = "List Freight, oldest first.")
    static final class FreightList extends EngineCommand {

        @Mixin
        Output output;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these Freight (names or aliases).")
        List<String> names = new ArrayList<>();

        @Option(names = "--warehouse", paramLabel = "NAME", description = "Only Freight from this warehouse.")
        String warehouse;

        @Option(names = "--alias", paramLabel = "ALIAS", description = "Only the Freight with this alias.")
        String alias;

        @Option(names = "--stage", paramLabel = "NAME",
                description = "The stage's Freight history instead, newest first (the rollback targets).")
        String stage;

        @Override
        int run(Kargo kargo, PrintWriter out) throws ConfigException {
            String project = project(kargo);
            if (stage != null) {
                history(kargo, project, out);
                return ExitCodes.OK;
            }
            List<String> wanted = new ArrayList<>(names);
            if (alias != null) {
                wanted.add(alias);
            }
            FreightFilter filter = new FreightFilter(Optional.ofNullable(warehouse), wanted);
            if (output.structured()) {
                Printer.print(out, output.format, kargo.views().manifests().freight(project, filter), wanted.size() == 1);
                return ExitCodes.OK;
            }
            List<FreightCard> freight = new ArrayList<>(kargo.views().timeline(project, filter, 0, Integer.MAX_VALUE)
                    .freight());
            Collections.reverse(freight); // oldest first, as kubectl lists
            if (output.format == OutputFormat.wide) {
                Table table = new Table(List.of("NAME", "ALIAS", "WAREHOUSE", "VERSION", "CREATED"));
                freight.forEach(f -> table.row(List.of(f.name(), f.alias(), f.warehouse(), f.versions(),
                        f.createdAt().truncatedTo(ChronoUnit.SECONDS).toString())));
                table.print(out, !output.noHeaders);
            } else {
                Table table = new Table(List.of("NAME", "ALIAS", "ORIGIN", "AGE"));
                Instant now = Instant.now();
                freight.forEach(f -> table.row(List.of(f.name(), f.alias(), f.origin(), Ages.since(f.createdAt(), now))));
                table.print(out, !output.noHeaders);
            }
            return ExitCodes.OK;
        }

        /** The stage's Freight history: what was promoted into it, newest first; the first is current. */
        private void history(Kargo kargo, String project, PrintWriter out) throws ConfigException {
            Table table = new Table(List.of("NAME", "ALIAS", "VERSION", "PROMOTED", "PROMOTION", "CURRENT"));
            Instant now = Instant.now();
            for (HistoryEntry entry : kargo.views().stageDetail(project, stage).history()) {
                for (HistoryEntry.Item item : entry.freight()) {
                    table.row(List.of(item.name(), item.alias(), item.versions(), Ages.since(entry.promotedAt(), now),
                            entry.promotion(), entry.current() ? "*" : ""));
                }
            }
            table.print(out, !output.noHeaders);
        }
    }
}
