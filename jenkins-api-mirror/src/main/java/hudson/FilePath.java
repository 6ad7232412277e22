// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/FilePath.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

public final class FilePath {
    private final String remote;

    public FilePath(@NonNull File localPath) {
        this.remote = localPath.getPath();
    }

    public String getRemote() {
        return remote;
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        return new FilePath(new File(remote).toPath().resolve(relOrAbsolute).toFile());
    }

    public boolean exists() throws IOException, InterruptedException {
        return new File(remote).exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return new File(remote).isDirectory();
    }

    public void copyTo(FilePath target) throws IOException, InterruptedException {
        Files.copy(Path.of(remote), Path.of(target.remote), StandardCopyOption.REPLACE_EXISTING);
    }

    public int copyRecursiveTo(String fileMask, FilePath target) throws IOException, InterruptedException {
        if (!"**/*.yaml,**/*.yml".equals(fileMask)) {
            throw new UnsupportedOperationException("jenkins-api-mirror copies only **/*.yaml,**/*.yml");
        }
        Path from = Path.of(remote);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        for (Path f : files) {
            Path to = Path.of(target.remote).resolve(from.relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return files.size();
    }
}
