package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.ResourceKind;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.api.ConfigSource;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.KargoResource;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.Subscribers;
import io.jenkins.plugins.kargo.discovery.git.GitSubscriber;
import io.jenkins.plugins.kargo.discovery.chart.ChartRepositorySubscriber;
import io.jenkins.plugins.kargo.discovery.chart.ChartSubscriber;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.discovery.image.ImageInspector;
import io.jenkins.plugins.kargo.discovery.image.ImageSubscriber;
import io.jenkins.plugins.kargo.discovery.chart.OciChartSubscriber;
import io.jenkins.plugins.kargo.discovery.image.OciRegistryClient;
import io.jenkins.plugins.kargo.discovery.npm.NpmSubscriber;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.api.ConfigSource;
import io.jenkins.plugins.kargo.state.KargoStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine as its faces use it: the CLI, {@code kargo serve} and the Jenkins plugin open one over a state
 * directory and call it; none of them holds a domain rule.
 */
public final class KargoEngine implements AutoCloseable {

    private final KargoStore store;
    private final ConfigLoader loader = new ConfigLoader();
    private final WarehouseReconciler warehouses;

    public KargoEngine(KargoStore store, Subscribers subscribers, EventSink events) {
        this.store = store;
        this.warehouses = new WarehouseReconciler(subscribers, store, events);
    }

    /** The directory under the state directory where git discovery keeps its bare repositories. */
    public static final String GIT_CACHE = "git-cache";

    /** An engine over the store in {@code stateDirectory}, talking to real registries and git servers. */
    public static KargoEngine open(Path stateDirectory, CredentialsProvider credentials, EventSink events) {
        RegistryHttp http = RegistryHttp.create();
        OciRegistryClient oci = new OciRegistryClient(http);
        Subscribers subscribers = new Subscribers(
                new ImageSubscriber(oci, new ImageInspector(), credentials, events),
                new ChartSubscriber(new ChartRepositorySubscriber(http, credentials),
                        new OciChartSubscriber(oci, credentials)),
                new NpmSubscriber(http, credentials),
                new GitSubscriber(stateDirectory.resolve(GIT_CACHE), credentials));
        return new KargoEngine(KargoStore.open(stateDirectory), subscribers, events);
    }

    public KargoStore store() {
        return store;
    }

    /** Validates a directory or file of Kargo YAML and stores it, replacing each of its projects whole. */
    public ApplyResult apply(Path path) throws ConfigException {
        return apply(loader.read(path));
    }

    /** As {@link #apply(Path)}, from a stream such as standard input. */
    public ApplyResult apply(InputStream in) throws ConfigException {
        return apply(loader.read(in, ConfigLoader.STDIN));
    }

    private ApplyResult apply(List<ConfigSource> sources) throws ConfigException {
        KargoConfig config = loader.load(sources);
        Map<String, List<KargoResource>> byProject = new LinkedHashMap<>();
        config.projects().forEach(p -> byProject.put(p.name(), new ArrayList<>()));
        for (KargoResource resource : config.resources()) {
            if (!resource.project().isEmpty()) {
                byProject.get(resource.project()).add(resource);
            }
        }
        Set<String> dashboardFiles = config.resources().stream().filter(r -> r.kind() == ResourceKind.CONFIG_MAP)
                .map(r -> r.location().file()).collect(Collectors.toSet());
        List<String> mixed = config.resources().stream().filter(r -> r.kind() != ResourceKind.CONFIG_MAP)
                .map(r -> r.location().file()).filter(dashboardFiles::contains).distinct().toList();
        if (!mixed.isEmpty()) {
            throw new ConfigException(mixed.stream().map(file -> ConfigProblem.error(new SourceLocation(file, 1, ""),
                    "the dashboard ConfigMap shares this file with other resources",
                    "keep the dashboard ConfigMap in a file of its own: its webhook is a secret, which the state never keeps"))
                    .toList());
        }
        List<AppliedProject> applied = new ArrayList<>();
        for (var entry : byProject.entrySet()) {
            String project = entry.getKey();
            // a project keeps its own files and the cluster-wide templates; the dashboard file, which holds a
            // webhook secret, is checked but not kept
            Set<String> files = config.resources().stream()
                    .filter(r -> r.project().equals(project) || r.project().isEmpty())
                    .map(r -> r.location().file()).filter(f -> !dashboardFiles.contains(f)).collect(Collectors.toSet());
            List<ConfigSource> documents = sources.stream().filter(s -> files.contains(s.name()))
                    .toList();
            store.configurations().apply(project, documents);
            applied.add(new AppliedProject(project, entry.getValue()));
        }
        return new ApplyResult(applied, config.warnings());
    }

    /** The configuration last applied for {@code project}, loaded and checked again. */
    public KargoConfig configuration(String project) throws ConfigException {
        var applied = store.configurations().get(project).orElseThrow(() -> new NoSuchElementException(
                "project " + project + " has no configuration; run `kargo apply -f DIR` first"));
        return loader.load(applied.documents());
    }

    /**
     * The project a command means: the one named, else the only one in the store.
     *
     * @throws NoSuchElementException saying which projects exist
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

    /** Discovers the Warehouse now and makes Freight from its newest artifacts. */
    public WarehouseRefresh refreshWarehouse(String project, String warehouse) throws ConfigException {
        KargoConfig config = configuration(project);
        Warehouse target = config.warehouse(project, warehouse).orElseThrow(() -> new NoSuchElementException(
                "warehouse " + warehouse + " not found in project " + project + "; warehouses: "
                        + config.warehouses(project).stream().map(Warehouse::name).collect(Collectors.joining(", "))));
        return warehouses.reconcile(project, target);
    }

    @Override
    public void close() {
        store.close();
    }
}
