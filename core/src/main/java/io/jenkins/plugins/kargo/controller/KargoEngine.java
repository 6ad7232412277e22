package io.jenkins.plugins.kargo.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.ConfigSource;
import io.jenkins.plugins.kargo.api.DashboardConfig;
import io.jenkins.plugins.kargo.api.FreightRequest;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.KargoResource;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.api.ResourceKind;
import io.jenkins.plugins.kargo.api.Secret;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.credentials.SecretStore;
import io.jenkins.plugins.kargo.credentials.StoredCredentials;
import io.jenkins.plugins.kargo.discovery.Subscribers;
import io.jenkins.plugins.kargo.discovery.chart.ChartRepositorySubscriber;
import io.jenkins.plugins.kargo.discovery.chart.ChartSubscriber;
import io.jenkins.plugins.kargo.discovery.chart.OciChartSubscriber;
import io.jenkins.plugins.kargo.discovery.git.GitSubscriber;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.discovery.image.ImageInspector;
import io.jenkins.plugins.kargo.discovery.image.ImageSubscriber;
import io.jenkins.plugins.kargo.discovery.image.OciRegistryClient;
import io.jenkins.plugins.kargo.discovery.npm.NpmSubscriber;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.DeliveryListener;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.expr.kargo.ProjectData;
import io.jenkins.plugins.kargo.freight.Availability;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAvailability;
import io.jenkins.plugins.kargo.net.Sleeper;
import io.jenkins.plugins.kargo.notifications.WebhookNotifier;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionName;
import io.jenkins.plugins.kargo.promotion.PromotionRun;
import io.jenkins.plugins.kargo.promotion.PromotionRunner;
import io.jenkins.plugins.kargo.promotion.StepCheck;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.Ulid;
import io.jenkins.plugins.kargo.state.FreightCreation;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.verification.AnalysisRunner;
import io.jenkins.plugins.kargo.verification.ConditionEvaluator;
import io.jenkins.plugins.kargo.verification.MeasurementProviders;
import io.jenkins.plugins.kargo.verification.VerificationArgs;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import io.jenkins.plugins.kargo.verification.approval.ApprovalMeasurement;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine as its faces use it: the CLI, {@code kargo serve} and the Jenkins plugin open one over a state
 * directory and call it; none of them holds a domain rule.
 */
public final class KargoEngine implements AutoCloseable {

    /** The directory under the state directory where git discovery keeps its bare repositories. */
    public static final String GIT_CACHE = "git-cache";

    /** How often a verification waiting for a person reads the decisions (another process may record one). */
    static final Duration APPROVAL_POLL = Duration.ofSeconds(1);

    private final KargoStore store;
    private final SecretStore secrets;
    private final StepRegistry steps;
    private final ConfigLoader loader = new ConfigLoader();
    private final WarehouseReconciler warehouses;
    private final AutoPromotion autoPromotion;
    private final Promoter promoter;
    private final PromotionWorker worker;
    private final PromotionDryRun dryRun;
    private final PromotionName names;
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    private final EventSink events;
    private final Clock clock;
    private final ConcurrentHashMap<String, Object> projectLocks = new ConcurrentHashMap<>();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private final AppliedConfigurations configurations;

    private KargoEngine(KargoStore store, AppliedConfigurations configurations, SecretStore secrets,
                        StepRegistry steps, Subscribers subscribers, PromotionRunner runner, PromotionRunner preview,
                        MeasurementProviders providers, Verifier.StageArgs stageArgs, VerificationArgs rollouts,
                        Limits expressions, CredentialsProvider credentials, EventSink events, Clock clock) {
        this.configurations = configurations;
        this.store = store;
        this.secrets = secrets;
        this.steps = steps;
        this.events = events;
        this.clock = clock;
        this.names = new PromotionName(new Ulid(clock));
        DeliveryListener delivery = this::emit;
        this.warehouses = new WarehouseReconciler(subscribers, credentials, store, events, expressions);
        this.autoPromotion = new AutoPromotion(store, clock);
        this.promoter = new Promoter(store, autoPromotion, names, clock);
        AutomaticRollback rollback = new AutomaticRollback(store, this::rollbackAutomatically, delivery, events, clock);
        AnalysisRunner analysis = new AnalysisRunner(providers.with(MetricProvider.Plugin.class,
                new ApprovalMeasurement(ref -> store.verifications().get(ref.project(), ref.name())
                        .flatMap(VerificationRun::decision), Sleeper.SYSTEM, APPROVAL_POLL)),
                new ConditionEvaluator(expressions), clock, Sleeper.SYSTEM);
        Verifier verifier = new Verifier(store, analysis, stageArgs, new TemplateArgumentSources(secrets, rollouts),
                rollback, delivery, events, clock);
        this.worker = new PromotionWorker(store, runner, verifier, rollback, names, credentials, delivery, events,
                clock);
        this.dryRun = new PromotionDryRun(store, preview, worker, names, credentials, events, clock);
    }

    /**
     * The one way to make an engine: over {@code store} (which the engine closes), talking to real registries, git
     * servers and (made on first use, from the usual kubeconfig unless given) Kubernetes, with the built-in promotion
     * steps and metric providers and the dashboard's notifications. Faces use {@code application.Kargo.builder}.
     */
    public static Builder builder(KargoStore store) {
        return new Builder(store);
    }

    /** The wiring of an engine: its ports (credentials, events, listeners), its Kubernetes client and its clock. */
    public static final class Builder {

        private final KargoStore store;
        private CredentialsProvider credentials = CredentialsProvider.NONE;
        private EventSink events = EventSink.NONE;
        private final List<DeliveryListener> listeners = new ArrayList<>();
        private Supplier<KubernetesClient> kubernetes = LazyKubernetes.FROM_KUBECONFIG;
        private Clock clock = Clock.systemUTC();
        private StepRegistry steps;

        private Builder(KargoStore store) {
            this.store = store;
        }

        /** Port: where discovery, promotion and verification find credentials. Default: none. */
        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Port: where the engine reports what it does. Default: nowhere. */
        public Builder events(EventSink events) {
            this.events = events;
            return this;
        }

        /** Port: hears every {@link DeliveryEvent}; may be given several times. */
        public Builder listener(DeliveryListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * The Kubernetes client {@code argocd-update}, Job metrics and Rollout arguments use, made on first use and
         * closed with the engine. Default: from the usual kubeconfig.
         */
        public Builder kubernetes(Supplier<KubernetesClient> kubernetes) {
            this.kubernetes = kubernetes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The promotion steps instead of the built-in ones (tests). */
        public Builder steps(StepRegistry steps) {
            this.steps = steps;
            return this;
        }

        public KargoEngine build() {
            LazyKubernetes client = new LazyKubernetes(kubernetes);
            Path stateDirectory = store.directory();
            // the Secrets applied with project directories first, then the face's credentials
            SecretStore secrets = new SecretStore(stateDirectory.resolve(SecretStore.DIRECTORY));
            CredentialsProvider credentials = new StoredCredentials(secrets, this.credentials);
            RegistryHttp http = RegistryHttp.create();
            OciRegistryClient oci = new OciRegistryClient(http);
            Subscribers subscribers = new Subscribers(
                    new ImageSubscriber(oci, new ImageInspector(), credentials, events),
                    new ChartSubscriber(new ChartRepositorySubscriber(http, credentials),
                            new OciChartSubscriber(oci, credentials)),
                    new NpmSubscriber(http, credentials),
                    new GitSubscriber(stateDirectory.resolve(GIT_CACHE), credentials));
            OperatorSettings settings = OperatorSettings.read(stateDirectory);
            AppliedConfigurations configurations = new AppliedConfigurations(store);
            ProjectData projectData = new EngineProjectData(credentials, configurations);
            BuiltinVerification verification = new BuiltinVerification(client, settings, projectData, credentials);
            BuiltinSteps builtin = new BuiltinSteps(client, settings);
            StepRegistry registry = steps != null ? steps : builtin.registry(stateDirectory);
            // given steps (tests) run in previews as they are
            KargoEngine engine = new KargoEngine(store, configurations, secrets, registry, subscribers,
                    new PromotionRunner(registry, clock, settings.expressions(), projectData),
                    new PromotionRunner(steps != null ? steps : builtin.preview(stateDirectory), clock,
                            settings.expressions(), projectData),
                    verification.providers(), verification.stageArgs(), verification.args(), settings.expressions(),
                    credentials, events, clock);
            engine.closeWith(client);
            WebhookNotifier notifier = WebhookNotifier.reading(store.configurations()::dashboardFile, events,
                    credentials);
            engine.addListener(notifier);
            engine.closeWith(notifier);
            listeners.forEach(engine::addListener);
            return engine;
        }
    }

    /** The store, for the engine's own package (its tests); faces read it through {@code application.view}. */
    KargoStore store() {
        return store;
    }

    /**
     * Validates a directory or file of Kargo YAML and stores it, replacing each of its projects whole; the audit
     * trail names the operating system's user.
     */
    public ApplyResult apply(Path path) throws ConfigException {
        return apply(path, System.getProperty("user.name", "unknown"));
    }

    /** As {@link #apply(Path)}, recorded in the audit trail as done by {@code actor}. */
    public ApplyResult apply(Path path, String actor) throws ConfigException {
        return apply(loader.read(path), actor);
    }

    /** As {@link #apply(Path)}, from a stream such as standard input. */
    public ApplyResult apply(InputStream in) throws ConfigException {
        return apply(in, System.getProperty("user.name", "unknown"));
    }

    /** As {@link #apply(InputStream)}, recorded in the audit trail as done by {@code actor}. */
    public ApplyResult apply(InputStream in, String actor) throws ConfigException {
        return apply(loader.read(in, ConfigLoader.STDIN), actor);
    }

    private ApplyResult apply(List<ConfigSource> sources, String actor) throws ConfigException {
        KargoConfig config = loader.load(sources);
        List<ConfigProblem> unknownSteps = StepCheck.problems(config, steps);
        if (!unknownSteps.isEmpty()) {
            throw new ConfigException(unknownSteps);
        }
        Map<String, List<KargoResource>> byProject = new LinkedHashMap<>();
        config.projects().forEach(p -> byProject.put(p.name(), new ArrayList<>()));
        for (KargoResource resource : config.resources()) {
            if (!resource.project().isEmpty()) {
                byProject.get(resource.project()).add(resource);
            }
        }
        Set<String> dashboardFiles = config.resources().stream().filter(r -> r instanceof DashboardConfig)
                .map(r -> r.location().file()).collect(Collectors.toSet());
        List<String> mixed = config.resources().stream().filter(r -> !(r instanceof DashboardConfig))
                .map(r -> r.location().file()).filter(dashboardFiles::contains).distinct().toList();
        if (!mixed.isEmpty()) {
            throw new ConfigException(mixed.stream().map(file -> ConfigProblem.error(new SourceLocation(file, 1, ""),
                    "the dashboard ConfigMap shares this file with other resources",
                    "keep the dashboard ConfigMap in a file of its own: its webhook is a secret, which the state never keeps"))
                    .toList());
        }
        // Secrets go to the credentials store; the configuration store keeps their files with them blanked out
        List<ConfigSource> storable = loader.withoutSecrets(sources);
        List<Secret> shared = config.secrets("");
        if (!shared.isEmpty()) {
            Map<String, Secret> merged = new LinkedHashMap<>();
            secrets.secrets("").forEach(s -> merged.put(s.name(), s));
            shared.forEach(s -> merged.put(s.name(), s));
            secrets.replace("", List.copyOf(merged.values()));
        }
        List<AppliedProject> applied = new ArrayList<>();
        for (var entry : byProject.entrySet()) {
            String project = entry.getKey();
            // a project keeps its own files and the cluster-wide templates; the dashboard file, which holds a
            // webhook secret, is checked but not kept
            Set<String> files = config.resources().stream()
                    .filter(r -> r.project().equals(project) || r.project().isEmpty())
                    .map(r -> r.location().file()).filter(f -> !dashboardFiles.contains(f)).collect(Collectors.toSet());
            List<ConfigSource> documents = storable.stream().filter(s -> files.contains(s.name()))
                    .toList();
            secrets.replace(project, config.secrets(project));
            // the dashboard's path only, read again for each notification (a rotated webhook needs no apply)
            Optional<Path> dashboard = config.dashboard().filter(d -> d.shows(project))
                    .map(d -> Path.of(d.location().file()).toAbsolutePath());
            store.configurations().apply(project, documents, dashboard);
            store.audit().record(project, actor, "apply", "project/" + project, entry.getValue().size()
                    + " resources from " + documents.stream().map(ConfigSource::name).sorted().collect(Collectors.joining(", ")));
            applied.add(new AppliedProject(project, entry.getValue()));
        }
        return new ApplyResult(applied, config.warnings());
    }

    /**
     * The configuration last applied for {@code project}: parsed and validated once per applied version (an apply in
     * any process makes a new one), then served from memory.
     */
    public KargoConfig configuration(String project) throws ConfigException {
        return configurations.of(project);
    }

    /** Discovers the Warehouse now and makes Freight from its newest artifacts. */
    public WarehouseRefresh refreshWarehouse(String project, String warehouse) throws ConfigException {
        KargoConfig config = configuration(project);
        Warehouse target = config.warehouse(project, warehouse).orElseThrow(() -> new NoSuchElementException(
                "warehouse " + warehouse + " not found in project " + project + "; warehouses: "
                        + config.warehouses(project).stream().map(Warehouse::name).collect(Collectors.joining(", "))));
        return warehouses.reconcile(project, target);
    }

    /**
     * Makes Freight of chosen versions among those the warehouse's last discovery found (Kargo's "assemble
     * Freight"; the only way a Manual warehouse gets Freight). A subscription not chosen takes its newest.
     *
     * @param chosen subscription (its name, repository URL, or chart / package name) to version
     * @throws IllegalArgumentException naming a version that was not discovered or a subscription that does not exist
     */
    public FreightCreation createFreight(String project, String warehouse, Map<String, String> chosen, String actor)
            throws ConfigException {
        KargoConfig config = configuration(project);
        Warehouse target = config.warehouse(project, warehouse).orElseThrow(() -> new NoSuchElementException(
                "warehouse " + warehouse + " not found in project " + project + "; warehouses: "
                        + config.warehouses(project).stream().map(Warehouse::name).collect(Collectors.joining(", "))));
        Freight freight = FreightAssembly.assemble(target, store.warehouses().lastDiscovery(project, warehouse),
                chosen);
        FreightCreation creation = store.freight().create(project, freight);
        store.audit().record(project, actor, "create-freight", "warehouse/" + warehouse, "Freight "
                + creation.freight().name() + " (" + creation.freight().alias() + ")" + (creation.created() ? ""
                : ", which existed already"));
        if (creation.created()) {
            store.warehouses().updateStatus(project, warehouse, s -> s.withLastFreight(creation.freight().name()));
        }
        return creation;
    }

    /**
     * Queues a promotion of a Freight (name or alias) into a stage; {@link #runPromotions} runs it.
     *
     * @throws PromotionRefusedException when the Freight is not available to the stage, saying why
     */
    public Promotion promote(String project, String stage, String freight, String actor) throws ConfigException {
        KargoConfig config = configuration(project);
        synchronized (lock(project)) {
            return promoter.promote(config, project, stage, freight, actor);
        }
    }

    /** The candidates of many stages of a project over one reading of its Freight (a view of every stage). */
    public AutoPromotion.Snapshot candidates(String project) {
        return autoPromotion.snapshot(project);
    }

    /**
     * The Freight auto-promotion would put into the stage from the Warehouse (Kargo's {@code promote --warehouse}):
     * the newest available one.
     */
    public String candidate(String project, String stage, String warehouse) throws ConfigException {
        Stage target = configuration(project).stage(project, stage).orElseThrow(() -> new NoSuchElementException(
                "stage " + stage + " not found in project " + project));
        FreightRequest request = target.requestedFreight().stream().filter(r -> r.origin().name().equals(warehouse))
                .findFirst().orElseThrow(() -> new PromotionRefusedException("stage " + stage
                        + " requests no Freight from Warehouse/" + warehouse));
        return autoPromotion.candidate(project, target, request).map(Freight::name).orElseThrow(() ->
                new PromotionRefusedException("no Freight from Warehouse/" + warehouse + " is available to stage " + stage));
    }

    /**
     * Approves a Freight for a stage: when the stage's verification of that Freight waits for a person (the approval
     * metric), this is the sign-off it waits for; otherwise the Freight becomes available to the stage whatever its
     * upstream verification (Kargo's manual approval).
     */
    public Approval approve(String project, String freight, String stage, String actor) throws ConfigException {
        KargoConfig config = configuration(project);
        Optional<VerificationRun> waiting = awaitingDecision(config, project, stage, freight);
        if (waiting.isPresent()) {
            decide(project, stage, freight, true, actor);
            return Approval.SIGNED_OFF;
        }
        return promoter.approve(config, project, freight, stage, actor) ? Approval.APPROVED : Approval.ALREADY_APPROVED;
    }

    /**
     * Rejects the Freight in the stage's verification that waits for a person: the verification fails.
     *
     * @throws NoSuchElementException when no verification of that Freight waits for a decision in the stage
     */
    public VerificationRun reject(String project, String freight, String stage, String actor) throws ConfigException {
        KargoConfig config = configuration(project);
        if (awaitingDecision(config, project, stage, freight).isEmpty()) {
            throw new NoSuchElementException("no verification of Freight " + freight + " waits for a decision in stage "
                    + stage + "; see `kargo get stages`");
        }
        return decide(project, stage, freight, false, actor);
    }

    private VerificationRun decide(String project, String stage, String freightRef, boolean approved, String actor) {
        Freight freight = promoter.freight(project, freightRef);
        VerificationRun decided = store.verifications().decide(project, stage, freight.name(), approved, actor);
        store.audit().record(project, actor, approved ? "sign-off" : "reject", "stage/" + stage,
                "Freight " + freight.alias() + " in verification " + decided.name());
        return decided;
    }

    /** The stage's open verification of the Freight, if the stage's verification includes an approval metric. */
    private Optional<VerificationRun> awaitingDecision(KargoConfig config, String project, String stage, String freightRef) {
        if (!asksPeople(config, project, stage)) {
            return Optional.empty();
        }
        Freight freight = promoter.freight(project, freightRef);
        return store.verifications().open(project, stage).stream()
                .filter(v -> v.freight().containsValue(freight.name())).findFirst();
    }

    /** Whether the stage's verification includes a metric that waits for a person's decision (the approval plugin). */
    public boolean asksPeople(String project, String stage) throws ConfigException {
        return asksPeople(configuration(project), project, stage);
    }

    private static boolean asksPeople(KargoConfig config, String project, String stage) {
        Stage target = config.stage(project, stage).orElseThrow(() -> new NoSuchElementException(
                "stage " + stage + " not found in project " + project));
        return target.verification().stream().flatMap(v -> v.analysisTemplates().stream())
                .map(ref -> config.analysisTemplate(project, ref)).flatMap(Optional::stream)
                .anyMatch(AnalysisTemplate::asksPeople);
    }

    /**
     * Kargo's {@code kargo verify stage}: queues a new verification of the stage's current Freight (run by
     * {@link #runPromotions}, {@code kargo serve} or Jenkins).
     *
     * @throws PromotionRefusedException when the stage has no Freight, no verification, or one under way
     */
    public VerificationRun verifyStage(String project, String stage, String actor) throws ConfigException {
        Stage target = configuration(project).stage(project, stage).orElseThrow(() -> new NoSuchElementException(
                "stage " + stage + " not found in project " + project));
        if (target.verification().isEmpty()) {
            throw new PromotionRefusedException("stage " + stage + " has no verification to run");
        }
        var current = store.stages().status(project, stage).current().orElseThrow(() ->
                new PromotionRefusedException("stage " + stage + " has no Freight to verify yet"));
        synchronized (lock(project)) {
            if (!store.verifications().open(project, stage).isEmpty()) {
                throw new PromotionRefusedException("stage " + stage + " has a verification under way; abort it with "
                        + "`kargo verify stage " + stage + " --abort` first");
            }
            VerificationRun queued = store.verifications().create(project, names.generate(stage, current.id()), stage,
                    new FreightHistoryEntry(current.id(), current.items(), "", current.promotedAt()), actor);
            store.audit().record(project, actor, "verify", "stage/" + stage, "verification " + queued.name());
            return queued;
        }
    }

    /** Aborts the stage's verification: a pending one at once, a running one before its next measurement. */
    public VerificationRun abortVerification(String project, String stage, String actor) {
        VerificationRun aborted = store.verifications().requestAbort(project, stage, actor);
        store.audit().record(project, actor, "abort-verification", "stage/" + stage, "verification " + aborted.name());
        return aborted;
    }

    /** Registers a listener for the engine's {@link DeliveryEvent}s (notifications, Jenkins). */
    public void addListener(DeliveryListener listener) {
        listeners.add(listener);
    }

    void emit(DeliveryEvent event) {
        for (DeliveryListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                events.warn("a listener failed on " + event.type() + " of stage " + event.stage() + ": " + e.getMessage());
            }
        }
    }

    private Promotion rollbackAutomatically(String project, String stage, String to, String actor, String why) {
        try {
            KargoConfig config = configuration(project);
            synchronized (lock(project)) {
                Promotion promotion = promoter.rollback(config, project, stage, to, actor);
                store.audit().record(project, actor, "auto-rollback", "stage/" + stage, why);
                return promotion;
            }
        } catch (ConfigException e) {
            throw new IllegalStateException("the configuration of project " + project + " no longer loads: "
                    + e.getMessage(), e);
        }
    }

    /** Queues a promotion of the stage's previous Freight (or {@code to}, from its history) and holds auto-promotion. */
    public Promotion rollback(String project, String stage, String to, String actor) throws ConfigException {
        KargoConfig config = configuration(project);
        synchronized (lock(project)) {
            return promoter.rollback(config, project, stage, to, actor);
        }
    }

    /** Aborts a promotion: a Pending one at once, a Running one before its next step. */
    public Promotion abort(String project, String promotion, String actor) {
        return promoter.abort(project, promotion, actor);
    }

    /** Lifts the stage's auto-promotion hold; false when it had none. */
    public boolean releaseHold(String project, String stage, String actor) throws ConfigException {
        KargoConfig config = configuration(project);
        synchronized (lock(project)) {
            return promoter.releaseHold(config, project, stage, actor);
        }
    }

    /**
     * Runs the stage's queued promotions in this thread, oldest first, each followed by its verification, recovering
     * one a crashed process left Running.
     *
     * @return false when another thread or process runs the stage's queue
     */
    public boolean runPromotions(String project, String stage) throws ConfigException {
        return worker.drain(configuration(project), project, stage);
    }

    /**
     * One pass of the stage controller: queues what auto-promotion wants and runs every stage's queue, stages in
     * parallel, until auto-promotion wants nothing more (a promotion into dev can make Freight available to
     * staging).
     *
     * @return the promotions auto-promotion queued
     */
    public List<Promotion> reconcileStages(String project) throws ConfigException {
        KargoConfig config = configuration(project);
        List<Promotion> queued = new ArrayList<>();
        List<Promotion> round;
        do {
            round = queueAutoPromotions(config, project);
            queued.addAll(round);
            runAllQueues(config, project);
        } while (!round.isEmpty());
        return queued;
    }

    /** Queues what auto-promotion wants now, over every stage of the project. */
    List<Promotion> queueAutoPromotions(KargoConfig config, String project) {
        synchronized (lock(project)) {
            return autoPromotion.due(config, project).stream()
                    .map(c -> promoter.promoteAutomatically(c.stage(), c.freight())).toList();
        }
    }

    /** Whether the stage has queued (or interrupted) promotions or verifications. */
    public boolean hasWork(String project, String stage) {
        return !store.promotions().open(project, stage).isEmpty() || !store.verifications().open(project, stage).isEmpty();
    }

    /**
     * Kargo's {@code kargo refresh stage}: queues the stage's auto-promotion candidate if auto-promotion wants it, then
     * runs the stage's queue in this thread.
     *
     * @return the promotion auto-promotion queued, if any
     */
    public Optional<Promotion> refreshStage(String project, String stage) throws ConfigException {
        KargoConfig config = configuration(project);
        if (config.stage(project, stage).isEmpty()) {
            throw new NoSuchElementException("stage " + stage + " not found in project " + project);
        }
        Optional<Promotion> queued;
        synchronized (lock(project)) {
            queued = autoPromotion.due(config, project).stream().filter(c -> c.stage().name().equals(stage)).findFirst()
                    .map(c -> promoter.promoteAutomatically(c.stage(), c.freight()));
        }
        worker.drain(config, project, stage);
        return queued;
    }

    /** Runs the queue of every stage that has one, each in its own thread, and waits for them. */
    private void runAllQueues(KargoConfig config, String project) {
        List<String> stages = config.stages(project).stream().map(Stage::name)
                .filter(s -> hasWork(project, s)).toList();
        if (stages.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(stages.size(), 8));
        try {
            List<Future<Boolean>> runs = stages.stream()
                    .map(s -> pool.submit(() -> worker.drain(config, project, s))).toList();
            for (Future<Boolean> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What promoting the Freight (name or alias) into the stage would do, without doing it: the stage's steps run in a
     * working directory of their own, {@code git-push} reports the diff it would push instead of pushing, and steps
     * that act elsewhere ({@code argocd-update}, {@code http}) are not run. Nothing is recorded.
     *
     * @return the steps' records; a {@code git-push}'s output holds {@code repoURL}, {@code branch}, {@code paths}
     *         and {@code diff}
     */
    public PromotionRun preview(String project, String stage, String freight, String actor) throws ConfigException {
        KargoConfig config = configuration(project);
        Stage target = config.stage(project, stage).orElseThrow(() -> new NoSuchElementException(
                "stage " + stage + " not found in project " + project));
        return dryRun.run(project, target, promoter.freight(project, freight), actor);
    }

    /** Whether the Freight (name or alias) may be promoted into the stage now, and why. */
    public Availability availability(String project, String stage, String freight) throws ConfigException {
        KargoConfig config = configuration(project);
        Stage target = config.stage(project, stage).orElseThrow(() -> new NoSuchElementException(
                "stage " + stage + " not found in project " + project));
        Freight f = promoter.freight(project, freight);
        return FreightAvailability.of(target, f, store.stages().freightStatus(project, f.name()), clock.instant());
    }

    private void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    private Object lock(String project) {
        return projectLocks.computeIfAbsent(project, p -> new Object());
    }

    @Override
    public void close() {
        try {
            for (AutoCloseable resource : resources) {
                resource.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the engine: " + e.getMessage(), e);
        } finally {
            store.close();
        }
    }
}
