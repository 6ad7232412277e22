package io.jenkins.plugins.kargo.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example project, {@code examples/myapp/kargo}, found from any module's working directory, and copies of it
 * pointed at the test's own servers (the example names harbor.yourdomain.com and verdaccio.yourdomain.com).
 */
public final class ExampleProject {

    public static final String RELATIVE_PATH = "examples/myapp/kargo";

    private ExampleProject() {
    }

    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(RELATIVE_PATH + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Copies the example into {@code target}, replacing each key of {@code replacements} by its value in every file. */
    public static Path copyTo(Path target, Map<String, String> replacements) {
        Path source = directory();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                String text = Files.readString(file);
                for (var replacement : replacements.entrySet()) {
                    text = text.replace(replacement.getKey(), replacement.getValue());
                }
                Files.writeString(copy, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The services and packages the example's warehouses subscribe to. */
    public static List<String> services() {
        return List.of("user-service", "payment-service", "notification-service");
    }

    public static List<String> packages() {
        return List.of("@yourorg/common-types", "@yourorg/api-client", "@yourorg/utils");
    }
}
