package io.jenkins.plugins.kargo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or mistaken input is refused, with a message, before it can exhaust memory. The timeouts only stop a
 * regression from hanging the build; they are not measurements.
 */
@Timeout(60)
class ConfigLimitsTest {

    @TempDir
    Path dir;

    private static List<ConfigProblem> errorsOf(ConfigLoader loader, String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), ConfigLoader.STDIN));
        assertThat(e).as("refused").isNotNull();
        return e.errors();
    }

    /** The classic "billion laughs": nine levels of nine aliases each, 9^9 values if expanded. */
    @Test
    void billionLaughsIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String previous = "*" + (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [")
                    .append(IntStream.range(0, 9).mapToObj(i -> previous).collect(Collectors.joining(","))).append("]\n");
        }
        List<ConfigProblem> errors = errorsOf(new ConfigLoader(), yaml.toString());
        // 9^6 values are reached (level f, line 6) before the 51st alias
        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("document has more than 100000 values (after expanding aliases)");
            assertThat(p.location().file()).isEqualTo("<stdin>");
            assertThat(p.location().line()).isEqualTo(6);
            assertThat(p.fix()).contains("remove aliases");
        });
    }

    @Test
    void manyAliasesAreRefusedEvenWhenSmall() {
        String yaml = "a: &a [x]\nb: [" + IntStream.range(0, 51).mapToObj(i -> "*a").collect(Collectors.joining(",")) + "]\n";
        assertThat(errorsOf(new ConfigLoader(), yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("more than 50 YAML aliases in one document");
            assertThat(p.location().line()).isEqualTo(2);
            assertThat(p.fix()).contains("write the values out");
        });
    }

    /** Few aliases, but each copies a large value: stopped by the count of values after expansion. */
    @Test
    void wideAliasExpansionIsRefusedByCountingValues() {
        String ten = IntStream.range(0, 10).mapToObj(i -> "\"x\"").collect(Collectors.joining(","));
        StringBuilder yaml = new StringBuilder("a: &a [" + ten + "]\n");
        for (char level = 'b'; level <= 'f'; level++) {
            String previous = "*" + (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [")
                    .append(IntStream.range(0, 10).mapToObj(i -> previous).collect(Collectors.joining(","))).append("]\n");
        }
        List<ConfigProblem> errors = errorsOf(new ConfigLoader(), yaml.toString());
        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("document has more than 100000 values (after expanding aliases)");
            assertThat(p.location().line()).isEqualTo(5); // level e: 10^5 values
        });
    }

    @Test
    void deepFlowNestingIsRefused() {
        String yaml = "spec: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        List<ConfigProblem> errors = errorsOf(new ConfigLoader(), yaml);
        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("nesting deeper than 64 levels");
            assertThat(p.location().line()).isEqualTo(1);
        });
    }

    @Test
    void deepBlockNestingIsRefused() {
        StringBuilder yaml = new StringBuilder();
        for (int depth = 0; depth < 10_000; depth++) {
            yaml.append("- ");
        }
        yaml.append("x\n");
        List<ConfigProblem> errors = errorsOf(new ConfigLoader(), yaml.toString());
        assertThat(errors).singleElement().satisfies(p ->
                assertThat(p.message()).isEqualTo("nesting deeper than 64 levels"));
    }

    /** A 100 MB stream is refused after reading just past the cap, never held whole. */
    @Test
    void hundredMegabyteStreamIsRefusedAfterReadingOnlyTheCap() {
        CountingStream stream = new CountingStream(100L << 20);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().load(stream, ConfigLoader.STDIN));
        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("input is larger than 2097152 bytes"); // 2 MiB, docs/configuration.md
            assertThat(p.location().file()).isEqualTo("<stdin>");
        });
        assertThat(stream.read).isEqualTo(2097152 + 1);
    }

    @Test
    void oversizedFileIsRefusedBeforeReadingIt() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("huge.yaml").toFile(), "rw")) {
            file.setLength(100L << 20); // sparse: no 100 MB written, and none read
        }
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(dir));
        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("the YAML files add up to " + (100L << 20) + " bytes, more than "
                    + ConfigLimits.DEFAULT.maxTotalBytes());
        });
        ConfigException single = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().load(dir.resolve("huge.yaml")));
        assertThat(single.errors()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("file is " + (100L << 20) + " bytes, more than "
                    + ConfigLimits.DEFAULT.maxFileBytes());
            assertThat(p.location().file()).endsWith("huge.yaml");
        });
    }

    @Test
    void tooManyDocumentsInOneFile() {
        ConfigLoader loader = new ConfigLoader(new ConfigLimits(1 << 20, 1 << 20, 3, 64, 50, 100_000));
        String yaml = "a: 1\n---\na: 2\n---\na: 3\n---\na: 4\n";
        assertThat(errorsOf(loader, yaml)).filteredOn(p -> p.message().contains("documents")).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("more than 3 YAML documents in one file");
            assertThat(p.location().line()).isEqualTo(7);
        });
    }

    @Test
    void anchorsAndMergeKeysWithinTheLimitsAreExpanded() throws ConfigException {
        String yaml = ConfigFixture.PROJECT + """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata: {name: images, namespace: shop}
                spec:
                  subscriptions:
                    - image: &defaults
                        repoURL: registry.example.com/shop/web
                        constraint: ^1.0.0
                        discoveryLimit: 5
                        allowTagsRegexes: ["^v"]
                    - image:
                        <<: *defaults
                        repoURL: registry.example.com/shop/api
                """;
        KargoConfig config = new ConfigLoader().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x");
        List<Subscription> subscriptions = config.warehouse("shop", "images").orElseThrow().subscriptions();
        assertThat(subscriptions).extracting(Subscription::repoURL)
                .containsExactly("registry.example.com/shop/web", "registry.example.com/shop/api");
        ImageSubscription api = (ImageSubscription) subscriptions.get(1);
        assertThat(api.constraint()).isEqualTo("^1.0.0");
        assertThat(api.discoveryLimit()).isEqualTo(5);
        assertThat(api.allowTagsRegexes()).containsExactly("^v");
    }

    @Test
    void undefinedAliasIsNamed() {
        assertThat(errorsOf(new ConfigLoader(), "a: 1\nb: *nothing\n")).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("alias *nothing refers to no mapping or list anchored before it");
            assertThat(p.location().line()).isEqualTo(2);
        });
    }

    @Test
    void sourcesHandedInDirectlyGetTheSameCaps() {
        ConfigLoader loader = new ConfigLoader(new ConfigLimits(100, 150, 10, 64, 50, 100_000));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(List.of(
                new ConfigSource("a.yaml", "a: " + "x".repeat(80)), new ConfigSource("b.yaml", "b: " + "y".repeat(80)))));
        assertThat(e.errors()).filteredOn(p -> p.message().contains("limits")).singleElement().satisfies(p -> {
            assertThat(p.location().file()).isEqualTo("b.yaml");
            assertThat(p.message()).isEqualTo("configuration is larger than the limits (100 bytes a file, 150 in all)");
        });
    }

    /** Produces {@code size} bytes of YAML-ish text on demand, counting what was read; holds none of it. */
    private static final class CountingStream extends InputStream {
        private final long size;
        private long read;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read >= size) {
                return -1;
            }
            read++;
            return read % 64 == 0 ? '\n' : 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
