package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Kargo's {@code kustomize-build} ({@code kustomize_builder.go}), on {@code kubectl kustomize} (Debian's
 * {@code kubectl}, kustomize v5): renders the kustomization at {@code path} and writes the manifests to
 * {@code outPath}, one file when it ends in {@code .yaml}/{@code .yml}, else one file per resource in that directory,
 * named as Kargo names them ({@code outputFormat: kargo}, the default: {@code [namespace-]kind-name.yaml}; or
 * {@code kustomize}: {@code [namespace_]group_version_kind_name.yaml} for {@code kustomize build -o}).
 *
 * <p>The git checkout holding {@code path} is written out whole first (its bases may lie anywhere in it). Kustomize's
 * default load restriction holds: files a kustomization loads must lie under it (Kargo lifts it inside its sandboxed
 * file system); Helm chart inflation ({@code plugin.helm}) needs a {@code helm} binary, which cannot be installed
 * here, and is refused.
 */
public final class KustomizeBuildStep implements PromotionStepRunner {

    public static final String NAME = "kustomize-build";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DOCUMENT_START = Pattern.compile("(?m)^---\\s*$");
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9._-]+");
    private static final Pattern KLOG_PREFIX = Pattern.compile("(?m)^[EWIF]\\d{4} [\\d:.]+\\s+\\d+ \\S+\\] ");

    private final String kubectl;

    /** With {@code kubectl} from the {@code PATH}. */
    public KustomizeBuildStep() {
        this("kubectl");
    }

    /** @param kubectl the {@code kubectl} executable to run */
    public KustomizeBuildStep(String kubectl) {
        this.kubectl = kubectl;
    }

    /** The step's {@code config}. */
    record Config(String path, String outPath, String outputFormat, JsonNode plugin) {
        Config {
            require(present(path), "path", "is required", "give the directory of the kustomization");
            require(present(outPath), "outPath", "is required", "give a file (.yaml) or a directory to write to");
            outputFormat = present(outputFormat) ? outputFormat : "kargo";
            require(List.of("kargo", "kustomize").contains(outputFormat), "outputFormat", "is '" + outputFormat + "'",
                    "use kargo or kustomize");
            require(plugin == null || plugin.isNull(), "plugin", "asks for Helm chart inflation, which needs a helm"
                    + " binary that cannot be installed here", "render the chart where helm runs and commit it");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) throws InterruptedException {
        try {
            Config config = StepConfig.bind(NAME, rawConfig, Config.class);
            Path directory = kustomization(context.workDir(), config.path());
            Path out = WorkDirPath.resolve(context.workDir(), "config.outPath", config.outPath());
            String rendered = render(directory, config.path(), context.workDir());
            List<String> documents = new ArrayList<>();
            for (String document : DOCUMENT_START.split(rendered)) {
                if (!document.isBlank()) {
                    documents.add(document.strip() + "\n");
                }
            }
            String lower = config.outPath().toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                Files.createDirectories(out.getParent());
                Files.writeString(out, String.join("---\n", documents), StandardCharsets.UTF_8);
            } else {
                writeEach(out, documents, config.outputFormat());
            }
            return StepResult.succeeded(Map.of(), "rendered " + documents.size() + " resource(s) from " + config.path()
                    + " into " + config.outPath());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        }
    }

    /** The kustomization's directory, with the git checkout that holds it written out whole. */
    private static Path kustomization(Path workDir, String path) throws StepException {
        Path located = WorkDirPath.locate(workDir, "config.path", path);
        Path root = workDir.toAbsolutePath().normalize();
        for (Path p = located; p != null && p.startsWith(root); p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".git"))) {
                WorkDirPath.resolve(workDir, "config.path", root.relativize(p).toString().isEmpty() ? "."
                        : root.relativize(p).toString());
                break;
            }
        }
        Path directory = WorkDirPath.resolve(workDir, "config.path", path);
        if (!Files.isDirectory(directory)) {
            throw StepConfig.error("config.path", "is '" + path + "', which is not a directory",
                    "give the directory that holds the kustomization.yaml");
        }
        return directory;
    }

    private String render(Path directory, String path, Path workDir)
            throws StepException, IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", directory.toString()).directory(directory.toFile())
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new StepException("cannot run '" + kubectl + "' (" + e.getMessage() + "); install Debian's kubectl"
                    + " package, whose kubectl kustomize renders kustomizations");
        }
        try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
            // both streams read aside, so the wait below is interruptible (an abort stops kubectl)
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readQuietly(stderr));
            CompletableFuture<byte[]> rendered = CompletableFuture.supplyAsync(() -> readQuietly(stdout));
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StepException("kubectl kustomize " + path + " did not finish within " + TIMEOUT.toMinutes()
                        + " minutes");
            }
            if (process.exitValue() != 0) {
                // kubectl's log prefix goes; paths are shown relative to the promotion's working directory
                String why = KLOG_PREFIX.matcher(new String(errors.join(), StandardCharsets.UTF_8).strip())
                        .replaceAll("").replace(workDir.toAbsolutePath().normalize() + "/", "");
                throw new StepException("kubectl kustomize " + path + " failed: " + why);
            }
            return new String(rendered.join(), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readQuietly(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** One file per resource, named as Kargo (or {@code kustomize build -o}) names it. */
    private static void writeEach(Path out, List<String> documents, String format) throws IOException, StepException {
        Files.createDirectories(out);
        List<JsonNode> parsed = new ArrayList<>();
        for (String document : documents) {
            parsed.add(YAML.readTree(document));
        }
        long namespaces = parsed.stream().map(d -> d.path("metadata").path("namespace").asText(""))
                .filter(n -> !n.isEmpty()).distinct().count();
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode resource = parsed.get(i);
            String name = fileName(resource, format, namespaces > 1);
            if (!SAFE_NAME.matcher(name).matches()) {
                throw new StepException("resource " + i + " would be written as '" + name + "', which is not a safe"
                        + " file name");
            }
            if (files.put(name, documents.get(i)) != null) {
                throw new StepException("two resources would be written to " + name);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static String fileName(JsonNode resource, String format, boolean multipleNamespaces) {
        String kind = resource.path("kind").asText();
        String name = resource.path("metadata").path("name").asText();
        String namespace = resource.path("metadata").path("namespace").asText("");
        if (format.equals("kargo")) {
            return ((namespace.isEmpty() ? "" : namespace + "-") + kind + "-" + name + ".yaml").toLowerCase(Locale.ROOT);
        }
        String apiVersion = resource.path("apiVersion").asText();
        String gvk = (apiVersion.contains("/") ? apiVersion.replace('/', '_') : apiVersion) + "_" + kind;
        return ((multipleNamespaces && !namespace.isEmpty() ? namespace + "_" : "") + gvk + "_" + name + ".yaml")
                .toLowerCase(Locale.ROOT);
    }
}
