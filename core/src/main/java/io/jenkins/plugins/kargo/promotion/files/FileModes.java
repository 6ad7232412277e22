package io.jenkins.plugins.kargo.promotion.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Unix permission bits ({@code 0644}) set on files the steps write, where the file system has them. */
final class FileModes {

    private FileModes() {
    }

    /** The file's permission bits; 0644 (0755 for a directory) where the file system has none. */
    static int get(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.isDirectory(file) ? 0755 : 0644;
        }
        int mode = 0;
        PosixFilePermission[] bits = PosixFilePermission.values();
        Set<PosixFilePermission> set = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        for (int i = 0; i < bits.length; i++) {
            if (set.contains(bits[i])) {
                mode |= 1 << (bits.length - 1 - i);
            }
        }
        return mode;
    }

    static void set(Path file, int mode) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ first: the highest bit
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                set.add(bits[i]);
            }
        }
        Files.setPosixFilePermissions(file, set);
    }
}
