package io.jenkins.plugins.kargo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.controller.WarehouseManifest;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightManifest;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.StageStatus;
import io.jenkins.plugins.kargo.state.WarehouseStatus;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kargo get warehouses|freight|stages|promotions|verifications}: what the engine knows, as tables or as Kargo
 * resources.
 */
@Command(name = "get", description = "Display resources.",
        subcommands = {GetCommand.Warehouses.class, GetCommand.FreightList.class, GetCommand.Stages.class,
                GetCommand.Promotions.class, GetCommand.Verifications.class})
final class GetCommand {

    /**
     * Records (stage status, promotions, verifications) as JSON: times as ISO-8601 text, an empty Optional as null,
     * analysis phases in Argo Rollouts' spelling ({@code Successful}).
     */
    static final ObjectMapper RECORDS = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING).build();

    private static ObjectNode resource(String kind, String name, Object status) {
        ObjectNode node = Printer.JSON.createObjectNode().put("kind", kind);
        node.putObject("metadata").put("name", name);
        node.set("status", RECORDS.valueToTree(status));
        return node;
    }

    @Command(name = "stages", aliases = "stage",
            description = "List stages: current Freight, health, last promotion, hold, last verification.")
    static final class Stages extends EngineCommand {

        @Mixin
        Output output;


        @Override
        int run(KargoEngine engine, PrintWriter out) throws ConfigException {
            String project = project(engine);
            KargoConfig config = engine.configuration(project);
            List<StageStatus> statuses = config.stages(project).stream()
                    .map(s -> engine.store().stages().status(project, s.name())).toList();
            if (output.format == OutputFormat.json || output.format == OutputFormat.yaml) {
                Printer.print(out, output.format, statuses.stream().map(s -> stage(engine, project, s)).toList(), false);
                return ExitCodes.OK;
            }
            int width = output.format == OutputFormat.wide ? 0 : VerificationReport.CELL_WIDTH;
            Table table = new Table(List.of("NAME", "CURRENT FREIGHT", "HEALTH", "LAST PROMOTION", "HOLD", "VERIFICATION"));
            for (StageStatus status : statuses) {
                String current = status.current().map(e -> String.join(",", e.items().values().stream()
                        .map(f -> alias(engine, project, f)).toList())).orElse("<none>");
                List<Promotion> promotions = engine.store().promotions().list(project, status.stage());
                String last = promotions.isEmpty() ? "<none>"
                        : promotions.get(promotions.size() - 1).name() + " (" + promotions.get(promotions.size() - 1).phase() + ")";
                String hold = status.hold().map(h -> alias(engine, project, h.freight()) + " by " + h.actor()).orElse("");
                String verification = engine.store().verifications().latest(project, status.stage())
                        .map(v -> VerificationReport.summary(v, width)).orElse("");
                table.row(List.of(status.stage(), current, status.health(), last, hold, verification));
            }
            table.print(out, !output.noHeaders);
            return ExitCodes.OK;
        }
    }

    /**
     * The stage's status, each Freight history entry with its verifications as Kargo's {@code verificationHistory}
     * (newest first, left out when none), and the newest verification as {@code lastVerification}.
     */
    private static ObjectNode stage(KargoEngine engine, String project, StageStatus status) {
        ObjectNode stage = resource("Stage", status.stage(), status);
        ObjectNode json = (ObjectNode) stage.get("status");
        List<VerificationRun> runs = new ArrayList<>(engine.store().verifications().list(project, status.stage()));
        Collections.reverse(runs); // newest first, as Kargo's stacks
        for (int i = 0; i < status.history().size(); i++) {
            int entry = i;
            List<ObjectNode> verifications = runs.stream().filter(v -> entryOf(v, status.history()) == entry)
                    .map(v -> VerificationInfo.of(project, v)).toList();
            if (!verifications.isEmpty()) {
                ((ObjectNode) json.get("history").get(i)).putArray("verificationHistory").addAll(verifications);
            }
        }
        json.set("lastVerification", runs.isEmpty() ? NullNode.getInstance() : VerificationInfo.of(project, runs.get(0)));
        return stage;
    }

    /**
     * Which history entry (newest first) a verification is of: the newest promotion of its Freight collection made
     * before it was queued (a promotion queues its verification as it ends); -1 when that entry has left the history.
     */
    private static int entryOf(VerificationRun run, List<FreightHistoryEntry> history) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).id().equals(run.collection()) && !history.get(i).promotedAt().isAfter(run.createdAt())) {
                return i;
            }
        }
        return -1;
    }

    @Command(name = "promotions", aliases = {"promotion", "promos", "promo"}, description = "List promotions, oldest first.")
    static final class Promotions extends EngineCommand {

        @Mixin
        Output output;


        @Option(names = "--stage", paramLabel = "NAME", description = "Only promotions into this stage.")
        String stage;

        @Override
        int run(KargoEngine engine, PrintWriter out) {
            String project = project(engine);
            List<Promotion> promotions = engine.store().promotions().list(project, stage);
            if (output.format == OutputFormat.json || output.format == OutputFormat.yaml) {
                Printer.print(out, output.format, promotions.stream().map(p -> resource("Promotion", p.name(), p)).toList(), false);
                return ExitCodes.OK;
            }
            Table table = new Table(List.of("NAME", "STAGE", "FREIGHT", "PHASE", "AGE"));
            Instant now = Instant.now();
            promotions.forEach(p -> table.row(List.of(p.name(), p.stage(), alias(engine, project, p.freight()),
                    p.phase().name(), Ages.since(p.createdAt(), now))));
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
        int run(KargoEngine engine, PrintWriter out) throws ConfigException {
            String project = project(engine);
            KargoConfig config = engine.configuration(project);
            if (stage != null && config.stage(project, stage).isEmpty()) {
                throw new CommandFailure(ExitCodes.FAILED, "stage " + stage + " not found in project " + project);
            }
            List<String> stages = stage != null ? List.of(stage)
                    : config.stages(project).stream().map(Stage::name).toList();
            List<VerificationRun> runs = stages.stream()
                    .flatMap(s -> engine.store().verifications().list(project, s).stream()).toList();
            if (output.format == OutputFormat.json || output.format == OutputFormat.yaml) {
                // not resources: Kargo keeps verifications inside the Stage's status
                Printer.write(out, output.format, runs.stream().map(v -> VerificationInfo.of(project, v)).toList());
                return ExitCodes.OK;
            }
            int width = output.format == OutputFormat.wide ? 0 : VerificationReport.CELL_WIDTH;
            Table table = new Table(List.of("NAME", "STAGE", "FREIGHT", "PHASE", "AGE", "MESSAGE"));
            Instant now = Instant.now();
            runs.forEach(v -> table.row(List.of(v.name(), v.stage(), String.join(",", v.freight().values().stream()
                            .map(f -> alias(engine, project, f)).toList()), v.phase().name(), Ages.since(v.createdAt(), now),
                    VerificationReport.cut(VerificationReport.reason(v), width))));
            table.print(out, !output.noHeaders);
            return ExitCodes.OK;
        }
    }

    private static String alias(KargoEngine engine, String project, String freight) {
        return engine.store().freight().byName(project, freight).map(Freight::alias).orElse(freight);
    }

    /** Options shared by every {@code get}. */
    static final class Output {

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default), wide, json or yaml.")
        OutputFormat format;

        @Option(names = "--no-headers", description = "Print tables without the header line.")
        boolean noHeaders;
    }

    @Command(name = "warehouses", aliases = "warehouse", description = "List warehouses and their last discovery.")
    static final class Warehouses extends EngineCommand {

        @Mixin
        Output output;


        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these warehouses.")
        List<String> names = new ArrayList<>();

        @Override
        int run(KargoEngine engine, PrintWriter out) throws ConfigException {
            String project = project(engine);
            KargoConfig config = engine.configuration(project);
            var warehouses = config.warehouses(project).stream()
                    .filter(w -> names.isEmpty() || names.contains(w.name())).toList();
            List<String> unknown = names.stream().filter(n -> warehouses.stream().noneMatch(w -> w.name().equals(n)))
                    .toList();
            if (!unknown.isEmpty()) {
                throw new CommandFailure(ExitCodes.FAILED, "warehouse " + String.join(", ", unknown)
                        + " not found in project " + project);
            }
            if (output.format == OutputFormat.json || output.format == OutputFormat.yaml) {
                WarehouseManifest manifest = new WarehouseManifest(Printer.JSON);
                List<ObjectNode> docs = warehouses.stream().map(w -> manifest.render(project, w,
                        engine.store().warehouses().status(project, w.name()),
                        engine.store().warehouses().lastDiscovery(project, w.name()))).toList();
                Printer.print(out, output.format, docs, names.size() == 1);
                return ExitCodes.OK;
            }
            Table table = new Table(output.format == OutputFormat.wide
                    ? List.of("NAME", "READY", "FREIGHT", "DISCOVERED", "INTERVAL", "SUBSCRIPTIONS", "MESSAGE")
                    : List.of("NAME", "READY", "FREIGHT", "DISCOVERED"));
            Instant now = Instant.now();
            for (var warehouse : warehouses) {
                Optional<WarehouseStatus> status = engine.store().warehouses().status(project, warehouse.name());
                String ready = status.map(s -> s.lastDiscoveredAt() == null ? "Unknown"
                        : s.lastError().isEmpty() ? "True" : "False").orElse("Unknown");
                String freight = status.map(WarehouseStatus::lastFreight)
                        .flatMap(f -> f.isEmpty() ? Optional.empty() : engine.store().freight().byName(project, f))
                        .map(Freight::alias).orElse("<none>");
                String discovered = status.map(WarehouseStatus::lastDiscoveredAt).map(t -> Ages.since(t, now))
                        .orElse("<never>");
                List<String> row = new ArrayList<>(List.of(warehouse.name(), ready, freight, discovered));
                if (output.format == OutputFormat.wide) {
                    row.add(GoDurationOption.text(warehouse.interval()));
                    row.add(String.valueOf(warehouse.subscriptions().size()));
                    row.add(status.map(s -> s.lastError().lines().findFirst().orElse("")).orElse(""));
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
        int run(KargoEngine engine, PrintWriter out) throws ConfigException {
            String project = project(engine);
            if (stage != null) {
                history(engine, project, out);
                return ExitCodes.OK;
            }
            var store = engine.store().freight();
            List<Freight> freight = warehouse == null ? store.list(project) : store.list(project, warehouse);
            List<String> wanted = new ArrayList<>(names);
            if (alias != null) {
                wanted.add(alias);
            }
            if (!wanted.isEmpty()) {
                freight = freight.stream().filter(f -> wanted.contains(f.name()) || wanted.contains(f.alias())).toList();
                List<String> unknown = wanted.stream().filter(w -> store.byName(project, w).isEmpty()
                        && store.byAlias(project, w).isEmpty()).toList();
                if (!unknown.isEmpty()) {
                    throw new CommandFailure(ExitCodes.FAILED, "freight " + String.join(", ", unknown)
                            + " not found in project " + project);
                }
            }
            switch (output.format) {
                case json, yaml -> {
                    FreightManifest manifest = new FreightManifest(Printer.JSON);
                    Printer.print(out, output.format, freight.stream().map(f -> manifest.render(project, f)).toList(),
                            wanted.size() == 1);
                }
                case wide -> {
                    Table table = new Table(List.of("NAME", "ALIAS", "WAREHOUSE", "VERSION", "CREATED"));
                    freight.forEach(f -> table.row(List.of(f.name(), f.alias(), f.origin().name(), versions(f),
                            f.createdAt().truncatedTo(ChronoUnit.SECONDS).toString())));
                    table.print(out, !output.noHeaders);
                }
                case table -> {
                    Table table = new Table(List.of("NAME", "ALIAS", "ORIGIN", "AGE"));
                    Instant now = Instant.now();
                    freight.forEach(f -> table.row(List.of(f.name(), f.alias(), f.origin().toString(),
                            Ages.since(f.createdAt(), now))));
                    table.print(out, !output.noHeaders);
                }
            }
            return ExitCodes.OK;
        }

        /** The stage's Freight history: what was promoted into it, newest first; the first is current. */
        private void history(KargoEngine engine, String project, PrintWriter out) throws ConfigException {
            if (engine.configuration(project).stage(project, stage).isEmpty()) {
                throw new CommandFailure(ExitCodes.FAILED, "stage " + stage + " not found in project " + project);
            }
            List<FreightHistoryEntry> history = engine.store().stages().status(project, stage).history();
            Table table = new Table(List.of("NAME", "ALIAS", "VERSION", "PROMOTED", "PROMOTION", "CURRENT"));
            Instant now = Instant.now();
            for (int i = 0; i < history.size(); i++) {
                FreightHistoryEntry entry = history.get(i);
                for (String name : entry.items().values()) {
                    Optional<Freight> freight = engine.store().freight().byName(project, name);
                    table.row(List.of(name, freight.map(Freight::alias).orElse(""), freight.map(FreightList::versions).orElse(""),
                            Ages.since(entry.promotedAt(), now), entry.promotion(), i == 0 ? "*" : ""));
                }
            }
            table.print(out, !output.noHeaders);
        }

        /** The distinct versions in a Freight: one when every artifact shares it, as in the seed's example. */
        private static String versions(Freight freight) {
            LinkedHashSet<String> versions = new LinkedHashSet<>();
            freight.images().forEach(i -> versions.add(i.tag()));
            freight.charts().forEach(c -> versions.add(c.version()));
            freight.artifacts().forEach(a -> versions.add(a.version()));
            freight.commits().forEach(c -> versions.add(c.tag().isEmpty() ? c.id().substring(0, Math.min(7, c.id().length())) : c.tag()));
            return String.join(",", versions);
        }
    }
}
