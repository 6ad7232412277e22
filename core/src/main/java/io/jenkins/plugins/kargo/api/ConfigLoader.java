package io.jenkins.plugins.kargo.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads a configuration: every Kargo resource in a directory (recursively, {@code *.yaml} and {@code *.yml}, in
 * sorted order), a file, or a stream. Everything is checked before anything is returned: either a complete, valid
 * {@link KargoConfig} (with warnings), or a {@link ConfigException} listing every error.
 */
public final class ConfigLoader {

    /** The name errors use for standard input. */
    public static final String STDIN = "<stdin>";
    /** A line that starts or ends a YAML document; inside a block scalar such a line would be indented. */
    private static final Pattern DOCUMENT_MARKER = Pattern.compile("^(---|\\.\\.\\.)(\\s.*)?$");

    private final ConfigLimits limits;

    public ConfigLoader() {
        this(ConfigLimits.DEFAULT);
    }

    public ConfigLoader(ConfigLimits limits) {
        this.limits = limits;
    }

    /** A directory (recursively) or a single file. */
    public KargoConfig load(Path path) throws ConfigException {
        return load(read(path));
    }

    /** A stream, e.g. standard input, named {@code name} in messages. The stream is read, not closed. */
    public KargoConfig load(InputStream in, String name) throws ConfigException {
        return load(read(in, name));
    }

    /** Standard input, named {@value #STDIN}. */
    public KargoConfig loadStdin() throws ConfigException {
        return load(System.in, STDIN);
    }

    /** Sources read before, e.g. a configuration kept in the store. */
    public KargoConfig load(List<ConfigSource> sources) throws ConfigException {
        return build(sources, new Problems());
    }

    /**
     * The dashboard ConfigMap from its own file (as {@code kargo apply} wants it kept), checked as on apply except
     * against the projects it lists, which are not in that file.
     *
     * @throws ConfigException when the file cannot be read, is not valid, or holds anything but the one ConfigMap
     */
    public DashboardConfig loadDashboard(Path file) throws ConfigException {
        Problems problems = new Problems();
        YamlReader yaml = new YamlReader(limits);
        ResourceReader reader = new ResourceReader(yaml, problems);
        List<DashboardConfig> dashboards = new ArrayList<>();
        for (ConfigSource source : read(file)) {
            for (YamlDocument document : yaml.read(source.name(),
                    source.text().getBytes(StandardCharsets.UTF_8), 0, "", problems)) {
                reader.header(document).ifPresent(header -> {
                    if (header.kind() != ResourceKind.CONFIG_MAP) {
                        header.root().error("a " + header.kind() + " in the dashboard's file",
                                "keep the dashboard ConfigMap in a file of its own");
                    } else {
                        reader.read(header, "").ifPresent(r -> dashboards.add((DashboardConfig) r));
                    }
                });
            }
        }
        if (dashboards.size() != 1 && !problems.hasErrors()) {
            problems.error(new SourceLocation(file.toString(), 1, ""), dashboards.isEmpty()
                            ? "no dashboard ConfigMap (with data.\"config.yaml\") in this file"
                            : dashboards.size() + " dashboard ConfigMaps in this file",
                    "keep exactly one ConfigMap with data.\"config.yaml\" in it");
        }
        if (problems.hasErrors()) {
            throw new ConfigException(problems.all());
        }
        return dashboards.get(0);
    }

    /**
     * The sources as the configuration store may keep them: every {@code Secret} document blanked out, its lines
     * left empty (the first says where the Secret went) so the other documents keep their line numbers.
     */
    public List<ConfigSource> withoutSecrets(List<ConfigSource> sources) {
        YamlReader yaml = new YamlReader(limits);
        List<ConfigSource> kept = new ArrayList<>();
        for (ConfigSource source : sources) {
            List<Integer> secretLines = new ArrayList<>();
            List<String> secretNames = new ArrayList<>();
            for (YamlDocument document : yaml.read(source.name(), source.text().getBytes(StandardCharsets.UTF_8), 0,
                    "", new Problems())) {
                if (ResourceKind.SECRET.kind().equals(document.root().path("kind").asText())) {
                    secretLines.add(document.lines().getOrDefault("", 1));
                    secretNames.add(document.root().path("metadata").path("name").asText());
                }
            }
            kept.add(secretLines.isEmpty() ? source
                    : new ConfigSource(source.name(), blank(source.text(), secretLines, secretNames)));
        }
        return List.copyOf(kept);
    }

    /** Blanks the document around each of {@code rootLines} (1-based): from its marker line to the next marker. */
    private static String blank(String text, List<Integer> rootLines, List<String> names) {
        String[] lines = text.split("(?<=\n)", -1);
        for (int d = 0; d < rootLines.size(); d++) {
            int root = rootLines.get(d) - 1;
            int start = root;
            while (start > 0 && !isMarker(lines[start])) {
                start--;
            }
            int end = root + 1;
            while (end < lines.length && !isMarker(lines[end])) {
                end++;
            }
            for (int i = start; i < end; i++) {
                String newline = lines[i].endsWith("\r\n") ? "\r\n" : lines[i].endsWith("\n") ? "\n" : "";
                // the document's own marker goes too: an empty document would be read as an empty value
                lines[i] = (i == start ? "# Secret " + names.get(d) + ": kept in the credentials store" : "") + newline;
            }
        }
        return String.join("", lines);
    }

    private static boolean isMarker(String line) {
        return DOCUMENT_MARKER.matcher(line.stripTrailing()).matches();
    }

    /** The YAML files of a directory (recursively, sorted) or one file, within the size limits. */
    public List<ConfigSource> read(Path path) throws ConfigException {
        Problems problems = new Problems();
        List<ConfigSource> sources = new ArrayList<>();
        for (Path file : files(path, problems)) {
            readFile(file, sources, problems);
        }
        return checked(sources, problems);
    }

    /** A stream within the size limit, named {@code name}. The stream is read, not closed. */
    public List<ConfigSource> read(InputStream in, String name) throws ConfigException {
        Problems problems = new Problems();
        List<ConfigSource> sources = new ArrayList<>();
        try {
            readBounded(in, name, "input", sources, problems);
        } catch (IOException e) {
            problems.error(new SourceLocation(name, 1, ""), "cannot read: " + e.getMessage(), "check the input");
        }
        return checked(sources, problems);
    }

    /**
     * Reads at most the file limit and one byte more, whatever the source says its size is (a device or a pipe
     * says 0), and decodes it as UTF-8, refusing anything else with the offset of the first byte that is not.
     */
    private void readBounded(InputStream in, String name, String what, List<ConfigSource> sources, Problems problems)
            throws IOException {
        SourceLocation where = new SourceLocation(name, 1, "");
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
        if (bytes.length > limits.maxFileBytes()) {
            problems.error(where, what + " is larger than " + limits.maxFileBytes() + " bytes",
                    "split the configuration into files of at most " + limits.maxFileBytes() + " bytes");
            return;
        }
        CharBuffer text = CharBuffer.allocate(bytes.length);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(input, text, true);
        if (result.isError()) {
            problems.error(where, what + " is not UTF-8 text: byte offset " + input.position() + " ("
                            + String.format("0x%02x", bytes[input.position()] & 0xff) + ") is not valid UTF-8",
                    "give Kargo YAML saved as UTF-8; a binary file is not configuration");
            return;
        }
        sources.add(new ConfigSource(name, text.flip().toString()));
    }

    private static List<ConfigSource> checked(List<ConfigSource> sources, Problems problems) throws ConfigException {
        if (problems.hasErrors()) {
            throw new ConfigException(problems.all());
        }
        return List.copyOf(sources);
    }

    /** The files to read, sorted; their total size is checked here, before any is read. */
    private List<Path> files(Path path, Problems problems) {
        if (!Files.exists(path)) {
            problems.error(new SourceLocation(path.toString(), 1, ""), "no such file or directory",
                    "give the directory holding the Kargo YAML, e.g. examples/myapp/kargo");
            return List.of();
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        Set<Path> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(path, 32)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(path.relativize(p)))
                    .filter(ConfigLoader::isYaml)
                    .forEach(files::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.error(new SourceLocation(path.toString(), 1, ""), "cannot list: " + e.getMessage(),
                    "check the directory's permissions");
            return List.of();
        }
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // reported when the file is read
            }
        }
        if (total > limits.maxTotalBytes()) {
            problems.error(new SourceLocation(path.toString(), 1, ""), "the YAML files add up to " + total
                    + " bytes, more than " + limits.maxTotalBytes(), "load a smaller directory");
            return List.of();
        }
        if (files.isEmpty()) {
            problems.error(new SourceLocation(path.toString(), 1, ""), "no *.yaml or *.yml files found",
                    "give the directory holding the Kargo YAML");
        }
        return List.copyOf(files);
    }

    /** Dot-directories ({@code .git}) and dot-files are not configuration. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private void readFile(Path file, List<ConfigSource> sources, Problems problems) {
        SourceLocation where = new SourceLocation(file.toString(), 1, "");
        try {
            // a regular file says its size, so a large one is refused unread; a device or a pipe says 0
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (size > limits.maxFileBytes()) {
                problems.error(where, "file is " + size + " bytes, more than " + limits.maxFileBytes(),
                        "split it into smaller files");
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                readBounded(in, file.toString(), "file", sources, problems);
            }
        } catch (NoSuchFileException e) {
            problems.error(where, "no such file", "give an existing file or directory");
        } catch (AccessDeniedException e) {
            problems.error(where, "cannot read: permission denied", "check the file's permissions");
        } catch (IOException e) {
            problems.error(where, "cannot read: " + e.getMessage(), "check that it is a readable file");
        }
    }

    private KargoConfig build(List<ConfigSource> sources, Problems problems) throws ConfigException {
        YamlReader yaml = new YamlReader(limits);
        ResourceReader reader = new ResourceReader(yaml, problems);
        List<ResourceReader.Header> headers = new ArrayList<>();
        long total = 0;
        for (ConfigSource source : sources) {
            byte[] bytes = source.text().getBytes(StandardCharsets.UTF_8);
            total += bytes.length;
            // sources handed in directly (from the store) get the same caps as files
            if (bytes.length > limits.maxFileBytes() || total > limits.maxTotalBytes()) {
                problems.error(new SourceLocation(source.name(), 1, ""), "configuration is larger than the limits ("
                                + limits.maxFileBytes() + " bytes a file, " + limits.maxTotalBytes() + " in all)",
                        "split it into smaller files or load fewer at once");
                break;
            }
            for (YamlDocument document : yaml.read(source.name(), bytes, 0, "", problems)) {
                reader.header(document).ifPresent(headers::add);
            }
        }
        if (headers.isEmpty() && !problems.hasErrors()) {
            String where = sources.size() == 1 ? sources.get(0).name() : sources.size() + " files";
            problems.error(new SourceLocation(sources.isEmpty() ? "input" : sources.get(0).name(), 1, ""),
                    "no resources found in " + where + " (only empty YAML documents or comments)",
                    "give the Kargo YAML to apply: Project, Warehouse, Stage, ... documents");
        }
        List<String> projects = headers.stream().filter(h -> h.kind() == ResourceKind.PROJECT)
                .map(ResourceReader.Header::name).distinct().toList();
        List<KargoResource> resources = new ArrayList<>();
        for (ResourceReader.Header header : headers) {
            Optional<String> project = project(header, projects, reader);
            project.flatMap(p -> reader.read(header, p)).ifPresent(resources::add);
        }
        reader.reportOtherKinds();
        ConfigValidator.Result validated = ConfigValidator.validate(resources, problems);
        if (problems.hasErrors()) {
            throw new ConfigException(problems.all());
        }
        return new KargoConfig(resources, validated.policies(), validated.stageOrder(), problems.warnings());
    }

    /**
     * The project a resource belongs to: its namespace, else the one Project of the input. Empty (and an error) when
     * neither says. Cluster-wide resources and the dashboard ConfigMap belong to none ({@code ""}), and so do the
     * Secrets and ConfigMaps of Kargo's shared resources namespace. A Secret or ConfigMap of another namespace is
     * nothing this product reads (it is reported as such), unless the namespace looks like a misspelt project.
     */
    private static Optional<String> project(ResourceReader.Header header, List<String> projects,
                                            ResourceReader reader) {
        switch (header.kind()) {
            case PROJECT:
                return Optional.of(header.name());
            case CLUSTER_ANALYSIS_TEMPLATE, CLUSTER_PROMOTION_TASK:
                return Optional.of("");
            case CONFIG_MAP, SECRET:
                String namespace = header.namespace();
                if (Secret.SHARED_NAMESPACE.equals(namespace)) {
                    return Optional.of("");
                }
                if (header.kind() == ResourceKind.CONFIG_MAP && isDashboard(header, projects)) {
                    return Optional.of("");
                }
                if (!namespace.isEmpty() && !projects.contains(namespace)
                        && Spelling.closest(namespace, projects).isEmpty()) {
                    reader.otherNamespace(header);
                    return Optional.empty();
                }
                break;
            default:
                break;
        }
        ConfigNode metadata = header.root().get("metadata");
        String namespace = header.namespace();
        if (namespace.isEmpty()) {
            if (projects.size() == 1) {
                return Optional.of(projects.get(0));
            }
            metadata.error("metadata.namespace is missing and the configuration holds "
                            + (projects.isEmpty() ? "no Project" : projects.size() + " Projects (" + String.join(", ", projects) + ")"),
                    "add namespace: <project> under metadata" + (projects.isEmpty() ? ", and a Project of that name" : ""));
            return Optional.empty();
        }
        if (!projects.contains(namespace)) {
            metadata.get("namespace").error("namespace '" + namespace + "' is not a Project of this configuration",
                    projects.isEmpty() ? "add a Project named " + namespace
                            : Spelling.suggest(namespace, projects, "use one of the Projects:") + " (or add a Project named "
                            + namespace + ")");
            return Optional.empty();
        }
        return Optional.of(namespace);
    }

    /**
     * The seed's dashboard ConfigMap: {@code data."config.yaml"} in a namespace that is no project (the seed's
     * {@code kargo}), or without a namespace. A project's own ConfigMap may hold a {@code config.yaml} too.
     */
    private static boolean isDashboard(ResourceReader.Header header, List<String> projects) {
        return header.root().get("data").has(DashboardConfigReader.CONFIG_KEY)
                && (header.namespace().isEmpty() || !projects.contains(header.namespace()));
    }
}
