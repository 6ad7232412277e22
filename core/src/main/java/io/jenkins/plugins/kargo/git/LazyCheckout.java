package io.jenkins.plugins.kargo.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FS;

/**
 * A git working tree whose files are written to disk only when something asks for them, so that a promotion that
 * edits one file of a 10,000-file repository writes one file, not 10,000.
 *
 * <p>The index lists every file of the checked-out commit, as in any checkout; a file not written yet is marked
 * "assume unchanged" (git's {@code update-index --assume-unchanged}: take the index's word for it), so the
 * {@code git} command sees a clean tree. {@link #materialize} writes a file, or every file under a directory, and
 * clears the mark; {@link #move} follows a rebase touching only what differs; {@link #writeTree} records what is on disk (only what was written or created there) on top of
 * the index and returns the new tree, so a commit costs what changed, not the size of the repository.
 */
public final class LazyCheckout {

    /** The file in {@code .git} that marks a working tree as lazy; its absence means an ordinary checkout. */
    private static final String MARKER = "kargo-lazy-checkout";

    private LazyCheckout() {
    }

    /**
     * Points a new working tree at {@code tree}: the index lists all of its files, none is written.
     *
     * @param tree the tree to check out; null for none (a branch started empty)
     */
    public static void checkout(Repository repo, ObjectId tree) throws IOException {
        DirCache index = DirCache.lock(repo.getIndexFile(), FS.DETECTED);
        try (TreeWalk walk = new TreeWalk(repo)) {
            DirCacheBuilder builder = index.builder();
            if (tree != null) {
                walk.addTree(tree);
                walk.setRecursive(true);
                while (walk.next()) {
                    DirCacheEntry entry = new DirCacheEntry(walk.getRawPath());
                    entry.setFileMode(walk.getFileMode(0));
                    entry.setObjectId(walk.getObjectId(0));
                    entry.setAssumeValid(true);
                    builder.add(entry);
                }
            }
            builder.finish();
            index.write();
            index.commit();
        } finally {
            index.unlock();
        }
        Path marker = repo.getDirectory().toPath().resolve(MARKER);
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
    }

    /**
     * Moves the working tree from tree {@code from} to tree {@code to} (a rebase moved HEAD), touching only the paths
     * that differ: their index entries, and their files where written (deleted where {@code to} lacks them).
     */
    public static void move(Repository repo, ObjectId from, ObjectId to) throws IOException {
        Path root = repo.getWorkTree().toPath();
        DirCache index = repo.lockDirCache();
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(from);
            walk.addTree(to);
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            DirCacheEditor editor = index.editor();
            while (walk.next()) {
                String path = walk.getPathString();
                DirCacheEntry current = index.getEntry(path);
                boolean written = current != null && !current.isAssumeValid();
                if (walk.getRawMode(1) == 0) {
                    editor.add(new DirCacheEditor.DeletePath(path));
                    if (written) {
                        Files.deleteIfExists(root.resolve(path));
                    }
                    continue;
                }
                DirCacheEntry entry = new DirCacheEntry(path);
                entry.setFileMode(walk.getFileMode(1));
                entry.setObjectId(walk.getObjectId(1));
                if (written) {
                    write(reader, root, entry);
                } else {
                    entry.setAssumeValid(true);
                }
                editor.add(replace(entry));
            }
            editor.finish();
            index.write();
            index.commit();
        } finally {
            index.unlock();
        }
    }

    /**
     * Writes {@code path} (a file, or every file under a directory; the whole tree for its root) to disk if it lies
     * in a lazy working tree inside {@code root} and is not written yet. Paths outside such a tree, inside
     * {@code .git}, or not in the index are left as they are.
     */
    public static void materialize(Path root, Path path) throws IOException {
        Optional<Path> workTree = containing(root, path);
        if (workTree.isEmpty()) {
            return;
        }
        String relative = workTree.get().relativize(path).toString().replace('\\', '/');
        if (relative.equals(Constants.DOT_GIT) || relative.startsWith(Constants.DOT_GIT + "/")) {
            return;
        }
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(workTree.get().toFile())
                .setGitDir(workTree.get().resolve(Constants.DOT_GIT).toFile()).setMustExist(true).build()) {
            DirCache index = repo.lockDirCache();
            try (ObjectReader reader = repo.newObjectReader()) {
                boolean changed = false;
                for (DirCacheEntry entry : within(index, relative)) {
                    if (entry.isAssumeValid() && !entry.getFileMode().equals(FileMode.GITLINK)) {
                        write(reader, workTree.get(), entry);
                        changed = true;
                    }
                }
                if (changed) {
                    index.write();
                    index.commit();
                }
            } finally {
                index.unlock();
            }
        }
    }

    /**
     * Records in the index every file on disk that differs from it (changed, created, or deleted after it was
     * written) and writes the resulting tree into the object database. Files never written count as unchanged.
     *
     * @return the tree of the working tree as it is now
     */
    public static ObjectId writeTree(Repository repo) throws IOException {
        Path root = repo.getWorkTree().toPath();
        Map<String, Path> onDisk = filesOnDisk(root);
        DirCache index = repo.lockDirCache();
        try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = inserter.newReader()) {
            DirCacheEditor editor = index.editor();
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry entry = index.getEntry(i);
                Path file = onDisk.remove(entry.getPathString());
                if (file == null) {
                    if (!entry.isAssumeValid() && !entry.getFileMode().equals(FileMode.GITLINK)) {
                        editor.add(new DirCacheEditor.DeletePath(entry));
                    }
                    continue;
                }
                DirCacheEntry staged = stage(inserter, entry.getPathString(), file);
                if (entry.isAssumeValid() || !staged.getObjectId().equals(entry.getObjectId())
                        || staged.getRawMode() != entry.getRawMode()) {
                    editor.add(replace(staged));
                }
            }
            IgnoreRules ignoreRules = new IgnoreRules(root, index, reader);
            for (Map.Entry<String, Path> created : onDisk.entrySet()) {
                if (!ignoreRules.ignores(created.getKey())) {
                    editor.add(replace(stage(inserter, created.getKey(), created.getValue())));
                }
            }
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            inserter.flush();
            index.write();
            index.commit();
            return tree;
        } finally {
            index.unlock();
        }
    }

    /** The lazy working tree that holds {@code path}: the nearest directory from {@code path} up to {@code root}. */
    static Optional<Path> containing(Path root, Path path) {
        for (Path p = path; p != null && p.startsWith(root); p = p.getParent()) {
            if (Files.exists(p.resolve(Constants.DOT_GIT).resolve(MARKER))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The entries of {@code relative}: the file itself, or all under it as a directory ("" is the root). */
    private static List<DirCacheEntry> within(DirCache index, String relative) {
        if (relative.isEmpty()) {
            List<DirCacheEntry> all = new ArrayList<>(index.getEntryCount());
            for (int i = 0; i < index.getEntryCount(); i++) {
                all.add(index.getEntry(i));
            }
            return all;
        }
        DirCacheEntry file = index.getEntry(relative);
        return file != null ? List.of(file) : List.of(index.getEntriesWithin(relative));
    }

    /** Writes the entry's blob (a file, an executable, or a symbolic link) and records its stat in the entry. */
    private static void write(ObjectReader reader, Path root, DirCacheEntry entry) throws IOException {
        Path file = root.resolve(entry.getPathString());
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        FileMode mode = entry.getFileMode();
        if (mode.equals(FileMode.SYMLINK)) {
            byte[] target = reader.open(entry.getObjectId(), Constants.OBJ_BLOB).getBytes();
            Files.createSymbolicLink(file, Path.of(new String(target, StandardCharsets.UTF_8)));
        } else {
            try (OutputStream out = Files.newOutputStream(file)) {
                reader.open(entry.getObjectId(), Constants.OBJ_BLOB).copyTo(out);
            }
            if (mode.equals(FileMode.EXECUTABLE_FILE)) {
                file.toFile().setExecutable(true, false);
            }
        }
        entry.setAssumeValid(false);
        recordStat(entry, file);
    }

    /** A new entry for the file on disk, its content written into the object database. */
    private static DirCacheEntry stage(ObjectInserter inserter, String path, Path file) throws IOException {
        DirCacheEntry entry = new DirCacheEntry(path);
        if (Files.isSymbolicLink(file)) {
            entry.setFileMode(FileMode.SYMLINK);
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB,
                    Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8)));
        } else {
            entry.setFileMode(Files.isExecutable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(file)));
        }
        recordStat(entry, file);
        return entry;
    }

    /** An edit that makes the index entry at the path of {@code replacement} a copy of it. */
    private static DirCacheEditor.PathEdit replace(DirCacheEntry replacement) {
        return new DirCacheEditor.PathEdit(replacement) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.copyMetaData(replacement);
            }
        };
    }

    private static void recordStat(DirCacheEntry entry, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        entry.setLength(attributes.size());
        entry.setLastModified(attributes.lastModifiedTime().toInstant());
    }

    /**
     * The files under {@code root} by their path in git's form, outside {@code .git} and outside nested working
     * trees (another checkout placed inside this one).
     */
    private static Map<String, Path> filesOnDisk(Path root) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                return dir.getFileName().toString().equals(Constants.DOT_GIT) || Files.exists(dir.resolve(Constants.DOT_GIT))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    files.put(root.relativize(file).toString().replace('\\', '/'), file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /**
     * The {@code .gitignore} files of the checkout, read from disk where written and from the index where not, so a
     * new file is ignored as {@code git add --all} would ignore it.
     */
    private static final class IgnoreRules {
        private final Path root;
        private final DirCache index;
        private final ObjectReader reader;
        private final Map<String, Optional<IgnoreNode>> byDirectory = new HashMap<>();

        IgnoreRules(Path root, DirCache index, ObjectReader reader) {
            this.root = root;
            this.index = index;
            this.reader = reader;
        }

        /** Whether {@code path} (a file) or one of the directories it lies in is ignored. */
        boolean ignores(String path) throws IOException {
            String[] parts = path.split("/");
            for (int i = 1; i <= parts.length; i++) {
                if (ignored(String.join("/", List.of(parts).subList(0, i)), i < parts.length)) {
                    return true;
                }
            }
            return false;
        }

        /** The verdict of the deepest {@code .gitignore} that has one; git's order of precedence. */
        private boolean ignored(String path, boolean directory) throws IOException {
            for (int slash = path.lastIndexOf('/'); ; slash = path.lastIndexOf('/', slash - 1)) {
                String dir = slash < 0 ? "" : path.substring(0, slash);
                Optional<IgnoreNode> rules = rules(dir);
                Boolean verdict = rules.isPresent() ? rules.get().checkIgnored(path.substring(slash + 1), directory) : null;
                if (verdict != null) {
                    return verdict;
                }
                if (slash < 0) {
                    return false;
                }
            }
        }

        private Optional<IgnoreNode> rules(String dir) throws IOException {
            Optional<IgnoreNode> known = byDirectory.get(dir);
            if (known != null) {
                return known;
            }
            String name = dir.isEmpty() ? Constants.GITIGNORE_FILENAME : dir + "/" + Constants.GITIGNORE_FILENAME;
            Path file = root.resolve(name);
            DirCacheEntry entry = index.getEntry(name);
            IgnoreNode node = null;
            if (Files.isRegularFile(file) || entry != null) {
                node = new IgnoreNode();
                try (InputStream in = Files.isRegularFile(file) ? Files.newInputStream(file)
                        : reader.open(entry.getObjectId(), Constants.OBJ_BLOB).openStream()) {
                    node.parse(in);
                }
            }
            byDirectory.put(dir, Optional.ofNullable(node));
            return Optional.ofNullable(node);
        }
    }
}
