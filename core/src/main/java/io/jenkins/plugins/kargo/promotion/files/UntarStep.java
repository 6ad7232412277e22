package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Kargo's {@code untar} ({@code tar_extractor.go}): extracts the archive {@code inPath} (gzipped or not, told by its
 * first bytes) into the directory {@code outPath}, replacing files there. {@code stripComponents} drops leading
 * directories of each name (an entry with no more is skipped); {@code .git} and what {@code ignore} names are left
 * out. As Kargo: only files, directories and links are extracted; an entry whose name or link target is absolute
 * or climbs with {@code ..} is skipped; a file's mode keeps its permission bits; a file larger than 50 MiB or an
 * archive of more than 100 MiB stops the step (Errored). A file is never written through a link that leads out of
 * {@code outPath}. No output.
 */
public final class UntarStep implements PromotionStepRunner {

    public static final String NAME = "untar";

    /** The step's {@code config}. */
    record Config(String inPath, String outPath, Integer stripComponents, String ignore) {
        Config {
            require(present(inPath), "inPath", "is required", "give the archive to extract");
            require(present(outPath), "outPath", "is required", "give the directory to extract into");
            require(stripComponents == null || stripComponents >= 0, "stripComponents", "is " + stripComponents,
                    "give 0 or more");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) {
        try {
            Config config = StepConfig.bind(NAME, rawConfig, Config.class);
            Path archive = WorkDirPath.resolve(context.workDir(), "config.inPath", config.inPath());
            Path out = WorkDirPath.resolve(context.workDir(), "config.outPath", config.outPath());
            if (!Files.isRegularFile(archive)) {
                throw StepConfig.error("config.inPath", "is '" + config.inPath() + "', which is not a file", "");
            }
            Files.createDirectories(out);
            int extracted;
            try (InputStream file = new BufferedInputStream(Files.newInputStream(archive))) {
                extracted = extract(gunzipped(file), out.toRealPath(), config);
            }
            return StepResult.succeeded(Map.of(), "extracted " + extracted + " entries of " + config.inPath()
                    + " into " + config.outPath());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": could not extract: " + e.getMessage());
        }
    }

    /** The stream, unzipped when it starts with gzip's magic number. */
    private static InputStream gunzipped(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in) : in;
    }

    private static int extract(InputStream stream, Path out, Config config) throws IOException, StepException {
        IgnoreRules ignore = new IgnoreRules(config.ignore());
        int strip = config.stripComponents() == null ? 0 : config.stripComponents();
        long total = 0;
        int extracted = 0;
        List<TarArchiveEntry> links = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(stream);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (!entry.isFile() && !entry.isDirectory() && !entry.isSymbolicLink()) {
                continue;
            }
            List<String> parts = Arrays.stream(entry.getName().split("/")).filter(p -> !p.isEmpty() && !p.equals("."))
                    .toList();
            if (parts.size() <= strip || !safe(entry.getName()) || entry.isSymbolicLink() && !safe(entry.getLinkName())) {
                continue;
            }
            String name = String.join("/", parts.subList(strip, parts.size()));
            if (ignore.ignores(name, entry.isDirectory())) {
                continue;
            }
            Path target = out.resolve(name).normalize();
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isSymbolicLink()) {
                links.add(entry); // made last, so no file of the archive is written through one
                continue;
            } else {
                if (entry.getSize() > TarStep.MAX_FILE || (total += entry.getSize()) > TarStep.MAX_TOTAL) {
                    throw new StepException("extraction stopped: " + (entry.getSize() > TarStep.MAX_FILE ? name
                            + " is larger than " + TarStep.MAX_FILE : "the files add up to more than "
                            + TarStep.MAX_TOTAL) + " bytes, Kargo's limit");
                }
                Files.createDirectories(target.getParent());
                if (!target.getParent().toRealPath().startsWith(out)) {
                    continue; // a directory of outPath that is a link leading out
                }
                Files.deleteIfExists(target);
                try (OutputStream file = Files.newOutputStream(target)) {
                    tar.transferTo(file); // the entry's bytes only
                }
                FileModes.set(target, entry.getMode() & 0777);
                Files.setLastModifiedTime(target, entry.getLastModifiedTime());
            }
            extracted++;
        }
        for (TarArchiveEntry link : links) {
            List<String> parts = Arrays.stream(link.getName().split("/")).filter(p -> !p.isEmpty()).toList();
            Path target = out.resolve(String.join("/", parts.subList(strip, parts.size()))).normalize();
            Files.createDirectories(target.getParent());
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(target, Path.of(link.getLinkName()));
                extracted++;
            }
        }
        return extracted;
    }

    /** Relative and never climbing: Kargo's {@code validRelPath}. */
    private static boolean safe(String path) {
        return !path.startsWith("/") && !path.contains("\\") && Arrays.stream(path.split("/")).noneMatch(".."::equals);
    }
}
