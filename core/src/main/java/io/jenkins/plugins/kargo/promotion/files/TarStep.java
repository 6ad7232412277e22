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
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Kargo's {@code tar} ({@code tar_creator.go}): archives the file or directory {@code inPath} (its content, named
 * relative to it; a file by its name) into {@code outPath}, gzipped with {@code gzip: true}; an existing archive is
 * replaced, whole, once the new one is written. Links are archived as links; {@code .git} and what {@code ignore}
 * names are left out; Kargo's limits hold (a file of at most 50 MiB, 100 MiB in all). No output.
 */
public final class TarStep implements PromotionStepRunner {

    public static final String NAME = "tar";
    static final long MAX_FILE = 50L * 1024 * 1024;
    static final long MAX_TOTAL = 100L * 1024 * 1024;

    /** The step's {@code config}. */
    record Config(String inPath, String outPath, String ignore, boolean gzip) {
        Config {
            require(present(inPath), "inPath", "is required", "give the file or directory to archive");
            require(present(outPath), "outPath", "is required", "give the archive to write");
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
            Path in = WorkDirPath.resolve(context.workDir(), "config.inPath", config.inPath());
            Path out = WorkDirPath.resolve(context.workDir(), "config.outPath", config.outPath());
            if (!Files.exists(in, LinkOption.NOFOLLOW_LINKS)) {
                throw StepConfig.error("config.inPath", "is '" + config.inPath() + "', which does not exist", "");
            }
            if (out.startsWith(in) && Files.isDirectory(in)) {
                throw StepConfig.error("config.outPath", "is '" + config.outPath() + "', inside the directory it archives",
                        "write the archive elsewhere");
            }
            Files.createDirectories(out.getParent());
            Path partial = Files.createTempFile(out.getParent(), ".tar-", ".partial");
            int entries;
            try {
                try (OutputStream file = Files.newOutputStream(partial);
                     OutputStream stream = config.gzip() ? new GZIPOutputStream(file) : file;
                     TarArchiveOutputStream tar = new TarArchiveOutputStream(stream)) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                    entries = archive(in, new IgnoreRules(config.ignore()), tar);
                }
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return StepResult.succeeded(Map.of(), "archived " + entries + " entries of " + config.inPath() + " in "
                    + config.outPath());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": could not write the archive: " + e.getMessage());
        }
    }

    private static int archive(Path in, IgnoreRules ignore, TarArchiveOutputStream tar)
            throws IOException, StepException {
        int[] entries = {0};
        long[] total = {0};
        StepException[] tooLarge = {null};
        boolean single = !Files.isDirectory(in, LinkOption.NOFOLLOW_LINKS);
        Files.walkFileTree(in, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(in)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = name(dir);
                if (ignore.ignores(name, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                tar.putArchiveEntry(entry(name + "/", attrs, Files.getLastModifiedTime(dir).toMillis(), dir));
                tar.closeArchiveEntry();
                entries[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = single ? file.getFileName().toString() : name(file);
                if (ignore.ignores(name, false)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    link.setLinkName(Files.readSymbolicLink(file).toString().replace('\\', '/'));
                    tar.putArchiveEntry(link);
                } else if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                    if (attrs.size() > MAX_FILE || total[0] > MAX_TOTAL) {
                        tooLarge[0] = new StepException((attrs.size() > MAX_FILE ? name + " is larger than "
                                + MAX_FILE : "the files add up to more than " + MAX_TOTAL) + " bytes, Kargo's limit");
                        return FileVisitResult.TERMINATE;
                    }
                    TarArchiveEntry entry = entry(name, attrs, attrs.lastModifiedTime().toMillis(), file);
                    entry.setSize(attrs.size());
                    tar.putArchiveEntry(entry);
                    Files.copy(file, tar);
                } else {
                    return FileVisitResult.CONTINUE;
                }
                tar.closeArchiveEntry();
                entries[0]++;
                return FileVisitResult.CONTINUE;
            }

            /** Name, mode and time only: no owner, no extended attributes that other tars warn about. */
            private TarArchiveEntry entry(String name, BasicFileAttributes attrs, long modified, Path path)
                    throws IOException {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setModTime(modified);
                entry.setMode((attrs.isDirectory() ? TarArchiveEntry.DEFAULT_DIR_MODE & ~0777
                        : TarArchiveEntry.DEFAULT_FILE_MODE & ~0777) | FileModes.get(path));
                return entry;
            }

            private String name(Path path) {
                return in.relativize(path).toString().replace('\\', '/');
            }
        });
        if (tooLarge[0] != null) {
            throw tooLarge[0];
        }
        return entries[0];
    }
}
