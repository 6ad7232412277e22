package io.jenkins.plugins.kargo.application.view;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.DashboardConfig;
import io.jenkins.plugins.kargo.api.FreightRequest;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.controller.AutoPromotion;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.freight.Availability;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAvailability;
import io.jenkins.plugins.kargo.freight.FreightStatus;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.StageStatus;
import io.jenkins.plugins.kargo.state.WarehouseStatus;
import io.jenkins.plugins.kargo.verification.Measurement;
import io.jenkins.plugins.kargo.verification.MetricResult;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The read model: what every face shows, computed here once from the store and the project's configuration (parsed
 * once per applied version). Every unknown name (project, stage, warehouse, Freight, promotion, verification) is a
 * {@link NoSuchElementException} that lists the known ones.
 */
public final class Views {

    private final KargoStore store;
    private final KargoEngine engine;
    private final Clock clock;
    private final KargoManifests manifests;

    public Views(KargoStore store, KargoEngine engine, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.manifests = new KargoManifests(store, this);
    }

    /** The Kargo-shaped JSON of each resource ({@code -o json|yaml}, the web API's raw view). */
    public KargoManifests manifests() {
        return manifests;
    }

    /**
     * The project a face means: the one named, else the only one in the state.
     *
     * @param requested the project named by the user; null when none was
     */
    public String project(String requested) {
        List<String> projects = store.configurations().projects();
        if (requested != null) {
            if (!projects.contains(requested)) {
                throw new NoSuchElementException("project " + requested + " not found"
                        + (projects.isEmpty() ? "; run `kargo apply -f DIR` first" : "; projects: " + String.join(", ", projects)));
            }
            return requested;
        }
        if (projects.size() == 1) {
            return projects.get(0);
        }
        throw new NoSuchElementException(projects.isEmpty() ? "no project yet; run `kargo apply -f DIR` first"
                : "several projects (" + String.join(", ", projects) + "); choose one with --project");
    }

    /** Every project with an applied configuration, sorted. */
    public List<String> projects() {
        return store.configurations().projects();
    }

    /** The project's stages in the configuration's order. */
    public List<StageCard> stages(String project) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        List<StageCard> cards = new ArrayList<>();
        // read once for every card: a project may hold thousands of Freight
        Map<String, String> aliases = aliases(project);
        AutoPromotion.Snapshot candidates = engine.candidates(project);
        for (Stage stage : config.stages(project)) {
            cards.add(card(config, project, stage, aliases, candidates));
        }
        return cards;
    }

    public StageCard stage(String project, String stage) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        return card(config, project, stage(config, project, stage), aliases(project), engine.candidates(project));
    }

    /** The stage's card, Freight history (newest first), promotions and verifications (oldest first). */
    public StageDetail stageDetail(String project, String stage) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        Stage target = stage(config, project, stage);
        List<HistoryEntry> history = new ArrayList<>();
        List<FreightHistoryEntry> entries = store.stages().status(project, stage).history();
        for (int i = 0; i < entries.size(); i++) {
            List<HistoryEntry.Item> items = new ArrayList<>();
            for (String name : entries.get(i).items().values()) {
                Optional<Freight> freight = store.freight().byName(project, name);
                items.add(new HistoryEntry.Item(name, freight.map(Freight::alias).orElse(""),
                        freight.map(Views::versions).orElse("")));
            }
            history.add(new HistoryEntry(items, entries.get(i).promotion(), entries.get(i).promotedAt(), i == 0));
        }
        List<VerificationDetail> verifications = verifications(project, Optional.of(stage));
        return new StageDetail(card(config, project, target, aliases(project), engine.candidates(project)), history, promotions(project, Optional.of(stage)),
                verifications, decisions(project, stage, verifications));
    }

    /** Approvals for the stage and decisions of its verifications, newest first. */
    private List<StageDetail.Decision> decisions(String project, String stage, List<VerificationDetail> verifications) {
        List<StageDetail.Decision> decisions = new ArrayList<>();
        Map<String, String> aliases = aliases(project);
        store.stages().freightStatuses(project).forEach((freight, status) -> {
            FreightStatus.ApprovedFor approval = status.approvedFor().get(stage);
            if (approval != null) {
                decisions.add(new StageDetail.Decision("approval", new FreightRef(freight,
                        aliases.getOrDefault(freight, "")), approval.approvedBy(), approval.approvedAt(), ""));
            }
        });
        for (VerificationDetail v : verifications) {
            v.decision().ifPresent(d -> decisions.add(new StageDetail.Decision(d.approved() ? "sign-off" : "rejection",
                    v.freight().isEmpty() ? new FreightRef("", "") : v.freight().get(0), d.actor(), d.at(), v.name())));
        }
        decisions.sort(Comparator.comparing(StageDetail.Decision::at).reversed());
        return decisions;
    }

    /** The warehouses named (all when none is), in the configuration's order. */
    public List<WarehouseCard> warehouses(String project, List<String> names) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        List<Warehouse> warehouses = warehouses(config, project, names);
        Map<String, String> aliases = aliases(project);
        List<WarehouseCard> cards = new ArrayList<>();
        for (Warehouse warehouse : warehouses) {
            Optional<WarehouseStatus> status = store.warehouses().status(project, warehouse.name());
            // Unknown before the first discovery, then whether the last one succeeded
            String ready = status.map(s -> s.lastDiscoveredAt() == null ? "Unknown"
                    : s.lastError().isEmpty() ? "True" : "False").orElse("Unknown");
            Optional<FreightRef> last = status.map(WarehouseStatus::lastFreight).filter(f -> !f.isEmpty())
                    .filter(aliases::containsKey).map(f -> new FreightRef(f, aliases.get(f)));
            cards.add(new WarehouseCard(project, warehouse.name(), ready, last,
                    status.map(WarehouseStatus::lastDiscoveredAt), warehouse.interval(),
                    warehouse.subscriptions().size(),
                    status.map(s -> s.lastError().lines().findFirst().orElse("")).orElse("")));
        }
        return cards;
    }

    /**
     * A page of Freight newest first, each with where it is and whether it may go to each stage, the total the filter
     * matched, and what a filter may choose from.
     *
     * @param offset how many of the newest matching ones to skip
     * @param limit  how many to show at most
     */
    public FreightTimeline timeline(String project, FreightFilter filter, int offset, int limit) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        List<Freight> all = store.freight().list(project);
        List<Freight> matched = new ArrayList<>(freight(config, project, filter, all));
        matched.sort(Comparator.comparing(Freight::createdAt).thenComparing(Freight::name).reversed());
        Map<String, FreightStatus> statuses = store.stages().freightStatuses(project);
        Instant now = clock.instant();
        List<FreightCard> cards = matched.stream().skip(offset).limit(limit)
                .map(f -> card(config, project, f, statuses.getOrDefault(f.name(), FreightStatus.NONE), now)).toList();
        List<String> artifacts = all.stream().flatMap(f -> FreightArtifacts.of(f).stream())
                .map(FreightCard.Artifact::repository).distinct().sorted().toList();
        return new FreightTimeline(cards, matched.size(), offset, limit,
                config.stages(project).stream().map(Stage::name).toList(),
                config.warehouses(project).stream().map(Warehouse::name).toList(), artifacts);
    }

    /** One Freight (name or alias) as the timeline shows it. */
    public FreightCard freightCard(String project, String nameOrAlias) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        Freight freight = freight(project, nameOrAlias);
        return card(config, project, freight, store.stages().freightStatus(project, freight.name()), clock.instant());
    }

    /** Promotions oldest first, of one stage or of all. */
    public List<PromotionDetail> promotions(String project, Optional<String> stage) throws ConfigException {
        stage.ifPresent(s -> requireStage(project, s));
        Map<String, String> aliases = aliases(project);
        Map<String, String> queued = queuedVerifications(project, stage);
        return store.promotions().list(project, stage.orElse(null)).stream()
                .map(p -> promotion(project, p, aliases, queued)).toList();
    }

    public PromotionDetail promotion(String project, String name) {
        Promotion promotion = store.promotions().get(project, name).orElseThrow(() -> new NoSuchElementException(
                "promotion " + name + " not found in project " + project + "; see `kargo get promotions`"));
        return promotion(project, promotion, aliases(project), queuedVerifications(project, Optional.of(promotion.stage())));
    }

    /** Verifications oldest first, stage by stage in the configuration's order, of one stage or of all. */
    public List<VerificationDetail> verifications(String project, Optional<String> stage) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        List<String> stages = stage.isPresent() ? List.of(stage(config, project, stage.get()).name())
                : config.stages(project).stream().map(Stage::name).toList();
        Map<String, String> aliases = aliases(project);
        return stages.stream().flatMap(s -> store.verifications().list(project, s).stream())
                .map(v -> verification(project, v, aliases)).toList();
    }

    public VerificationDetail verification(String project, String name) {
        return store.verifications().get(project, name).map(v -> verification(project, v, aliases(project)))
                .orElseThrow(() -> new NoSuchElementException("verification " + name + " not found in project "
                        + project + "; see `kargo get verifications`"));
    }

    /** Whether the Freight may be promoted into the stage now, and why not. */
    public StageAvailability availability(String project, String stage, FreightSelector freight) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        Stage target = stage(config, project, stage);
        Freight selected = freight(project, stage, freight);
        Availability availability = FreightAvailability.of(target, selected,
                store.stages().freightStatus(project, selected.name()), clock.instant());
        return new StageAvailability(stage, availability.available(), availability.reason());
    }

    /** The project as a graph of warehouses and stages, with the dashboard's theme and refresh interval. */
    public PipelineView pipeline(String project) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        List<PipelineView.Edge> edges = new ArrayList<>();
        for (Stage stage : config.stages(project)) {
            for (FreightRequest request : stage.requestedFreight()) {
                if (request.sources().direct()) {
                    edges.add(new PipelineView.Edge(request.origin().toString(), stage.name()));
                }
                request.sources().stages().forEach(up -> edges.add(new PipelineView.Edge("Stage/" + up, stage.name())));
            }
        }
        DashboardConfig.Ui ui = dashboard(project).map(DashboardConfig::ui).orElse(DashboardConfig.Ui.DEFAULT);
        return new PipelineView(project, warehouses(project, List.of()), stages(project), edges, ui.theme(),
                ui.refreshInterval());
    }

    /**
     * The Freight a selector means for a stage: a name or alias, or the newest one available to the stage.
     *
     * @throws NoSuchElementException when there is no such Freight, or none available
     */
    public Freight freight(String project, String stage, FreightSelector selector) throws ConfigException {
        if (selector instanceof FreightSelector.NameOrAlias named) {
            return freight(project, named.value());
        }
        if (selector instanceof FreightSelector.NewestFrom from) {
            return store.freight().byName(project, engine.candidate(project, stage, from.warehouse())).orElseThrow();
        }
        Stage target = stage(engine.configuration(project), project, stage);
        List<String> candidates = new ArrayList<>();
        for (FreightRequest request : target.requestedFreight()) {
            try {
                candidates.add(engine.candidate(project, stage, request.origin().name()));
            } catch (RuntimeException none) {
                // nothing available from this origin
            }
        }
        return candidates.stream().map(name -> store.freight().byName(project, name)).flatMap(Optional::stream)
                .max(Comparator.comparing(Freight::createdAt).thenComparing(Freight::name))
                .orElseThrow(() -> new NoSuchElementException("no Freight is available to stage " + stage));
    }

    /** The Freight a user names, by name or alias. */
    public Freight freight(String project, String nameOrAlias) {
        return store.freight().byName(project, nameOrAlias).or(() -> store.freight().byAlias(project, nameOrAlias))
                .orElseThrow(() -> new NoSuchElementException("Freight " + nameOrAlias + " not found in project "
                        + project + "; see `kargo get freight`"));
    }

    /** The Freight as people name it; the name alone when it no longer exists. */
    public FreightRef ref(String project, String freight) {
        return new FreightRef(freight, store.freight().byName(project, freight).map(Freight::alias).orElse(""));
    }

    /** The gate of a stage: whether a person lets Freight in, and who may. */
    public Gate gate(String project, String stage) throws ConfigException {
        KargoConfig config = engine.configuration(project);
        return gate(config, project, stage(config, project, stage));
    }

    /**
     * Which Freight a rollback takes from those a face remembers promoting into the stage, newest first (a Jenkins
     * job's successful promotions, read from its builds): the first that the stage does not hold now and that its
     * history holds (as {@code rollback} requires).
     *
     * @return empty when none of them qualifies
     */
    public Optional<FreightRef> rollbackTarget(String project, String stage, List<String> newestFirst)
            throws ConfigException {
        stage(engine.configuration(project), project, stage);
        StageStatus status = store.stages().status(project, stage);
        Set<String> current = status.current().map(e -> Set.copyOf(e.items().values())).orElse(Set.of());
        Set<String> held = status.history().stream().flatMap(e -> e.items().values().stream())
                .collect(Collectors.toSet());
        return newestFirst.stream().filter(f -> !current.contains(f) && held.contains(f)).findFirst()
                .map(f -> ref(project, f));
    }

    // ---- shared with KargoManifests and the commands

    List<Freight> freight(KargoConfig config, String project, FreightFilter filter) {
        return freight(config, project, filter, store.freight().list(project));
    }

    /** The Freight among {@code all} (the project's) that match the filter; an unknown warehouse or name is an error. */
    private List<Freight> freight(KargoConfig config, String project, FreightFilter filter, List<Freight> all) {
        filter.warehouse().ifPresent(w -> warehouses(config, project, List.of(w)));
        List<String> unknown = filter.names().stream().filter(n -> all.stream()
                .noneMatch(f -> f.name().equals(n) || f.alias().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw new NoSuchElementException("freight " + String.join(", ", unknown) + " not found in project " + project);
        }
        return all.stream().filter(f -> filter.admits(f.origin().name(), f.name(), f.alias(), FreightArtifacts.of(f)))
                .toList();
    }

    List<Warehouse> warehouses(KargoConfig config, String project, List<String> names) {
        List<Warehouse> warehouses = config.warehouses(project).stream()
                .filter(w -> names.isEmpty() || names.contains(w.name())).toList();
        List<String> unknown = names.stream().filter(n -> warehouses.stream().noneMatch(w -> w.name().equals(n)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new NoSuchElementException("warehouse " + String.join(", ", unknown) + " not found in project "
                    + project + "; warehouses: " + config.warehouses(project).stream().map(Warehouse::name)
                    .collect(Collectors.joining(", ")));
        }
        return warehouses;
    }

    static Stage stage(KargoConfig config, String project, String name) {
        return config.stage(project, name).orElseThrow(() -> new NoSuchElementException("stage " + name
                + " not found in project " + project + "; stages: "
                + config.stages(project).stream().map(Stage::name).collect(Collectors.joining(", "))));
    }

    KargoConfig configuration(String project) throws ConfigException {
        return engine.configuration(project);
    }

    /** Freight name to alias, for one project. */
    Map<String, String> aliases(String project) {
        Map<String, String> aliases = new LinkedHashMap<>();
        store.freight().list(project).forEach(f -> aliases.put(f.name(), f.alias()));
        return aliases;
    }

    /** The distinct versions in a Freight: one when every artifact shares it, as in the seed's example. */
    static String versions(Freight freight) {
        LinkedHashSet<String> versions = new LinkedHashSet<>();
        freight.images().forEach(i -> versions.add(i.tag()));
        freight.charts().forEach(c -> versions.add(c.version()));
        freight.artifacts().forEach(a -> versions.add(a.version()));
        freight.commits().forEach(c -> versions.add(c.tag().isEmpty() ? c.id().substring(0, Math.min(7, c.id().length())) : c.tag()));
        return String.join(",", versions);
    }

    static VerificationDetail verification(String project, VerificationRun run, Map<String, String> aliases) {
        return new VerificationDetail(project, run.name(), run.stage(), refs(run.freight().values(), aliases),
                run.promotion(), run.actor(), run.phase().name(), run.message(), run.createdAt(), run.startedAt(),
                run.finishedAt(), run.abortRequested(), run.metrics().stream().map(Views::metric).toList(),
                run.decision().map(d -> new VerificationDetail.Decision(d.approved(), d.actor(), d.at())));
    }

    private void requireStage(String project, String stage) {
        try {
            stage(engine.configuration(project), project, stage);
        } catch (ConfigException e) {
            throw new IllegalStateException("the configuration of project " + project + " no longer loads: "
                    + e.getMessage(), e);
        }
    }

    private StageCard card(KargoConfig config, String project, Stage stage, Map<String, String> aliases,
                           AutoPromotion.Snapshot candidates) {
        StageStatus status = store.stages().status(project, stage.name());
        List<FreightRef> current = status.current().map(e -> refs(e.items().values(), aliases)).orElse(List.of());
        List<Freight> currentFreight = current.stream().map(f -> store.freight().byName(project, f.name()))
                .flatMap(Optional::stream).toList();
        List<Promotion> promotions = store.promotions().list(project, stage.name());
        Map<String, String> queued = queuedVerifications(project, Optional.of(stage.name()));
        Optional<PromotionDetail> last = promotions.isEmpty() ? Optional.empty()
                : Optional.of(promotion(project, promotions.get(promotions.size() - 1), aliases, queued));
        Optional<StageCard.Hold> hold = status.hold().map(h -> new StageCard.Hold(
                new FreightRef(h.freight(), aliases.getOrDefault(h.freight(), "")), h.actor(), h.since()));
        Optional<VerificationDetail> verification = store.verifications().latest(project, stage.name())
                .map(v -> verification(project, v, aliases));
        boolean waits = verification.filter(v -> v.phase().equals("Running") && v.decision().isEmpty()).isPresent()
                && asksPeople(config, project, stage);
        Gate gate = gate(config, project, stage);
        Optional<FreightRef> waiting = waits ? verification.flatMap(v -> v.freight().stream().findFirst())
                : gate.manual() ? newerAvailable(candidates, stage, currentFreight) : Optional.empty();
        return new StageCard(project, stage.name(), current,
                currentFreight.stream().flatMap(f -> FreightArtifacts.of(f).stream()).toList(), status.health(), last,
                hold, verification, gate, waits, waiting);
    }

    /** The newest Freight available to a stage that is newer than the stage's current Freight of its origin. */
    private static Optional<FreightRef> newerAvailable(AutoPromotion.Snapshot candidates, Stage stage,
                                                       List<Freight> current) {
        Optional<Freight> newest = Optional.empty();
        for (FreightRequest request : stage.requestedFreight()) {
            Optional<Freight> candidate = candidates.candidate(stage, request);
            Optional<Instant> since = current.stream().filter(f -> f.origin().equals(request.origin()))
                    .map(Freight::createdAt).findFirst();
            candidate = candidate.filter(c -> since.isEmpty() || c.createdAt().isAfter(since.get()));
            if (candidate.isPresent() && (newest.isEmpty() || candidate.get().createdAt().isAfter(newest.get().createdAt()))) {
                newest = candidate;
            }
        }
        return newest.map(f -> new FreightRef(f.name(), f.alias()));
    }

    private Gate gate(KargoConfig config, String project, Stage stage) {
        List<String> approvers = dashboard(project).map(DashboardConfig::rbac).filter(DashboardConfig.Rbac::enabled)
                .map(DashboardConfig.Rbac::adminUsers).orElse(List.of());
        return new Gate(!config.autoPromotionEnabled(stage), approvers);
    }

    /** Whether the stage's verification includes a metric that waits for a person's decision. */
    static boolean asksPeople(KargoConfig config, String project, Stage stage) {
        return stage.verification().stream().flatMap(v -> v.analysisTemplates().stream())
                .map(ref -> config.analysisTemplate(project, ref)).flatMap(Optional::stream)
                .anyMatch(AnalysisTemplate::asksPeople);
    }

    /** The dashboard ConfigMap recorded at apply, read again (the state keeps its path, never its secrets). */
    private Optional<DashboardConfig> dashboard(String project) {
        return store.configurations().dashboardFile(project).filter(Files::isRegularFile).flatMap(file -> {
            try {
                return Optional.of(new ConfigLoader().loadDashboard(file)).filter(d -> d.shows(project));
            } catch (ConfigException e) {
                return Optional.empty(); // the notifier reports a broken dashboard file
            }
        });
    }

    private FreightCard card(KargoConfig config, String project, Freight freight, FreightStatus status, Instant now) {
        List<FreightCard.Artifact> artifacts = FreightArtifacts.of(freight);
        Map<String, String> approvedFor = new LinkedHashMap<>();
        status.approvedFor().forEach((stage, approval) -> approvedFor.put(stage, approval.approvedBy()));
        List<StageAvailability> availability = config.stages(project).stream().map(stage -> {
            Availability a = FreightAvailability.of(stage, freight, status, now);
            return new StageAvailability(stage.name(), a.available(), a.reason());
        }).toList();
        return new FreightCard(project, freight.name(), freight.alias(), freight.origin().toString(),
                freight.origin().name(), freight.createdAt(), artifacts, versions(freight),
                FreightArtifacts.maturity(artifacts), List.copyOf(status.currentlyIn().keySet()),
                List.copyOf(status.verifiedIn().keySet()), approvedFor, availability);
    }

    /** Promotion name to the verification its success queued, in the stage(s). */
    private Map<String, String> queuedVerifications(String project, Optional<String> stage) {
        List<String> stages = stage.map(List::of).orElseGet(() -> {
            try {
                return engine.configuration(project).stages(project).stream().map(Stage::name).toList();
            } catch (ConfigException e) {
                return List.of();
            }
        });
        Map<String, String> queued = new LinkedHashMap<>();
        for (String s : stages) {
            store.verifications().list(project, s).stream().filter(v -> !v.promotion().isEmpty())
                    .forEach(v -> queued.putIfAbsent(v.promotion(), v.name()));
        }
        return queued;
    }

    private static PromotionDetail promotion(String project, Promotion p, Map<String, String> aliases,
                                             Map<String, String> queued) {
        return new PromotionDetail(project, p.name(), p.stage(), new FreightRef(p.freight(),
                aliases.getOrDefault(p.freight(), "")), p.actor(), p.phase().name(), p.message(), p.createdAt(),
                p.startedAt(), p.finishedAt(), p.abortRequested(), p.steps().stream().map(s -> new StepLine(s.alias(),
                s.uses(), s.status(), s.message(), s.startedAt(), s.finishedAt())).toList(),
                Optional.ofNullable(queued.get(p.name())));
    }

    private static List<FreightRef> refs(java.util.Collection<String> names, Map<String, String> aliases) {
        return names.stream().map(n -> new FreightRef(n, aliases.getOrDefault(n, ""))).toList();
    }

    private static VerificationDetail.MetricLine metric(MetricResult metric) {
        return new VerificationDetail.MetricLine(metric.name(), metric.phase().toString(), metric.message(),
                metric.measurements().stream().map(Views::measurement).toList());
    }

    private static VerificationDetail.MeasurementLine measurement(Measurement m) {
        return new VerificationDetail.MeasurementLine(m.phase().toString(), m.value(), m.message(), m.startedAt(),
                m.finishedAt());
    }
}
