package io.jenkins.plugins.kargo.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.api.Secret;
import io.jenkins.plugins.kargo.api.SecretValue;
import io.jenkins.plugins.kargo.api.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials store: the Secrets of applied project directories, one file per project under a directory of the
 * state, readable by its owner only ({@code 0600} in a {@code 0700} directory where the file system has POSIX
 * permissions). It is the only place a Secret applied with a project is kept: the configuration store holds the
 * project's files with every Secret blanked out. A project's Secrets are replaced whole by each apply, in one atomic
 * rename, so another process reads the old set or the new one. The shared resources namespace is the project
 * {@code ""}.
 */
public final class SecretStore {

    /** The directory under the state directory that holds the store. */
    public static final String DIRECTORY = "secrets";
    private static final String SHARED = "_shared";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(FileTime modified, long size, List<Secret> secrets) {
    }

    public SecretStore(Path directory) {
        this.directory = directory;
    }

    /** Replaces the Secrets kept for {@code project} ({@code ""}: shared); an empty list removes them. */
    public void replace(String project, List<Secret> secrets) {
        Path file = file(project);
        try {
            if (secrets.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            createPrivateDirectory();
            ArrayNode list = JSON.createArrayNode();
            for (Secret secret : secrets) {
                ObjectNode node = list.addObject();
                node.put("name", secret.name());
                secret.labels().forEach(node.putObject("labels")::put);
                ObjectNode data = node.putObject("data");
                secret.data().forEach((key, value) -> data.put(key, value.reveal()));
            }
            Path temporary = Files.createTempFile(directory, ".partial-", ".json", ownerOnly());
            try {
                Files.write(temporary, JSON.writeValueAsBytes(list));
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The Secrets kept for {@code project} ({@code ""}: shared), in name order. */
    public List<Secret> secrets(String project) {
        Path file = file(project);
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Cached cached = cache.get(file);
            if (cached != null && cached.modified().equals(modified) && cached.size() == size) {
                return cached.secrets();
            }
            List<Secret> secrets = read(project, file);
            cache.put(file, new Cached(modified, size, secrets));
            return secrets;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The Secret named {@code name} of {@code project} ({@code ""}: shared). */
    public Optional<Secret> secret(String project, String name) {
        return secrets(project).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static List<Secret> read(String project, Path file) throws IOException {
        JsonNode list = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        List<Secret> secrets = new ArrayList<>();
        for (JsonNode node : list) {
            String name = node.path("name").asText();
            Map<String, String> labels = new LinkedHashMap<>();
            node.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            Map<String, SecretValue> data = new LinkedHashMap<>();
            node.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), new SecretValue(e.getValue().asText())));
            secrets.add(new Secret(project, name, labels, data, new SourceLocation(file.toString(), 1, name)));
        }
        secrets.sort(java.util.Comparator.comparing(Secret::name));
        return List.copyOf(secrets);
    }

    private Path file(String project) {
        return directory.resolve((project.isEmpty() ? SHARED : project) + ".json");
    }

    private void createPrivateDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        return posix() ? new java.nio.file.attribute.FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
