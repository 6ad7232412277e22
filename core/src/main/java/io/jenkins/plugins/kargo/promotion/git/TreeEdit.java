package io.jenkins.plugins.kargo.promotion.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Edits a tree along the paths it changes: only the trees on those paths are read and written anew, every other
 * subtree is kept by its id, so an edit of one file in a 10,000-file tree costs the few trees above that file (git's
 * {@code mktree} along a path), not an index of the whole tree.
 */
final class TreeEdit {

    /** A path that cannot be edited as asked: a file stands where a directory must go, or the other way round. */
    static final class PathConflict extends Exception {
        PathConflict(String path) {
            super(path, null, false, false);
        }
    }

    /** One path's new entry: a mode and an object, or, with a null mode, its removal. */
    record Change(String path, FileMode mode, ObjectId id) {
        static Change delete(String path) {
            return new Change(path, null, null);
        }
    }

    /** An entry of a tree; trees sort as if their name ended in '/', as git orders them. */
    private record Entry(byte[] name, FileMode mode, ObjectId id) {
        boolean isTree() {
            return FileMode.TREE.equals(mode);
        }

        byte[] sortKey() {
            return sortKey(name, isTree());
        }

        static byte[] sortKey(byte[] name, boolean tree) {
            if (!tree) {
                return name;
            }
            byte[] key = Arrays.copyOf(name, name.length + 1);
            key[name.length] = '/';
            return key;
        }
    }

    private TreeEdit() {
    }

    /**
     * The tree {@code base} with {@code changes} made (a directory left empty disappears, as git has no empty trees).
     *
     * @param base the tree to edit; null for none (an empty tree)
     * @throws PathConflict when a change needs a directory where a file is, or a file where a directory is
     */
    static ObjectId apply(ObjectReader reader, ObjectInserter inserter, ObjectId base, List<Change> changes)
            throws IOException, PathConflict {
        ObjectId tree = edit(reader, inserter, base, "", changes);
        return tree != null ? tree : inserter.insert(new TreeFormatter());
    }

    /** The edited tree {@code tree} at {@code prefix}, null when it ends empty. */
    private static ObjectId edit(ObjectReader reader, ObjectInserter inserter, ObjectId tree, String prefix,
                                 List<Change> changes) throws IOException, PathConflict {
        TreeMap<byte[], Entry> entries = new TreeMap<>(Arrays::compareUnsigned);
        if (tree != null) {
            CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
            for (; !parser.eof(); parser.next()) {
                Entry entry = new Entry(Arrays.copyOf(parser.getEntryPathBuffer(), parser.getNameLength()),
                        parser.getEntryFileMode(), parser.getEntryObjectId());
                entries.put(entry.sortKey(), entry);
            }
        }
        // The changes by the name they touch here: the entry itself (a path without '/') or a subtree below it.
        Map<String, List<Change>> below = new LinkedHashMap<>();
        for (Change change : changes) {
            String relative = change.path().substring(prefix.length());
            int slash = relative.indexOf('/');
            if (slash < 0) {
                byte[] name = relative.getBytes(StandardCharsets.UTF_8);
                if (entries.containsKey(Entry.sortKey(name, true))) {
                    throw new PathConflict(change.path());
                }
                if (change.mode() == null) {
                    entries.remove(name);
                } else {
                    entries.put(name, new Entry(name, change.mode(), change.id()));
                }
            } else {
                below.computeIfAbsent(relative.substring(0, slash), k -> new ArrayList<>()).add(change);
            }
        }
        for (Map.Entry<String, List<Change>> group : below.entrySet()) {
            byte[] name = group.getKey().getBytes(StandardCharsets.UTF_8);
            if (entries.containsKey(name)) {
                throw new PathConflict(prefix + group.getKey());
            }
            byte[] key = Entry.sortKey(name, true);
            Entry existing = entries.get(key);
            ObjectId subtree = edit(reader, inserter, existing == null ? null : existing.id(),
                    prefix + group.getKey() + "/", group.getValue());
            if (subtree == null) {
                entries.remove(key);
            } else {
                entries.put(key, new Entry(name, FileMode.TREE, subtree));
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        TreeFormatter formatter = new TreeFormatter();
        for (Entry entry : entries.values()) {
            formatter.append(entry.name(), entry.mode(), entry.id());
        }
        return inserter.insert(formatter);
    }
}
