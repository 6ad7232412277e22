package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.ConfigSource;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.testkit.NpmPublisher;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kargo} command end to end against the real registry and Verdaccio: the example project as written,
 * pointed at this test's own repositories and packages (a fresh namespace per test, so tests share the servers).
 */
class KargoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private String namespace;
    private String scope;
    private Path config;
    private Path state;
    private final Map<String, String> digests = new HashMap<>();

    private KargoRun kargo(String... args) {
        return KargoRun.of(state, args);
    }

    @BeforeEach
    void project() {
        namespace = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        scope = "@" + namespace;
        state = temp.resolve("state");
        config = ExampleProject.copyTo(temp.resolve("kargo"), Map.of(
                "harbor.yourdomain.com/services/", TestServices.registry() + "/" + namespace + "/",
                "https://verdaccio.yourdomain.com", TestServices.npmRegistry(),
                "@yourorg/", scope + "/"));
    }

    private void pushServices(String... tags) {
        OciImagePusher registry = OciImagePusher.anonymous(TestServices.registry());
        Instant built = Instant.parse("2024-11-14T15:30:45Z");
        for (String service : ExampleProject.services()) {
            for (String tag : tags) {
                built = built.plusSeconds(3600);
                // single-platform images, as most CI pipelines push them; the seed asks for platform linux/amd64
                String digest = registry.image(namespace + "/" + service).tag(tag)
                        .platform("linux/amd64").created(built).push().digest();
                digests.put(service + ":" + tag, digest);
            }
        }
    }

    private JsonNode freightJson(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("get", "freight", "-o", "json"));
        args.addAll(List.of(extra));
        KargoRun get = kargo(args.toArray(String[]::new));
        assertThat(get.exitCode()).as(get.err()).isZero();
        return JSON.readTree(get.out());
    }

    @Test
    void appliesTheExampleAndMakesFreightFromTheNewestImagesAsKargoWould() throws Exception {
        pushServices("v1.1.0", "v1.2.3-alpha.20241114153045", "v1.2.3-beta.1", "v1.2.3", "latest", "sha-4b90c49");

        KargoRun apply = kargo("apply", "-f", config.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("warehouse/services-warehouse configured (project myapp)",
                "stage/production configured (project myapp)");
        assertThat(apply.err()).contains("warning: ", "read as an npm package");
        try (KargoStore store = KargoStore.open(state)) {
            List<String> kept = store.configurations().get("myapp").orElseThrow().documents().stream()
                    .map(ConfigSource::text).toList();
            assertThat(kept).as("the configuration is kept").anyMatch(yaml -> yaml.contains("kind: Warehouse"));
            assertThat(kept).as("the dashboard's webhook is a secret").noneMatch(yaml -> yaml.contains("hooks.slack.com"));
        }

        KargoRun refresh = kargo("refresh", "warehouse", "services-warehouse", "--project", "myapp");
        assertThat(refresh.exitCode()).as(refresh.err()).isZero();
        assertThat(refresh.out()).contains("created");

        JsonNode list = freightJson();
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items")).hasSize(1);
        JsonNode freight = list.path("items").get(0);
        assertThat(freight.path("origin").path("name").asText()).isEqualTo("services-warehouse");
        List<String> parts = new ArrayList<>();
        for (JsonNode image : freight.path("images")) {
            String service = image.path("repoURL").asText().replaceAll(".*/", "");
            assertThat(image.path("tag").asText()).isEqualTo("v1.2.3");
            assertThat(image.path("digest").asText()).isEqualTo(digests.get(service + ":v1.2.3"));
            parts.add(image.path("repoURL").asText() + ":v1.2.3@" + image.path("digest").asText());
        }
        assertThat(parts).hasSize(3);
        // Kargo's GenerateFreightID, computed here independently of the engine
        assertThat(freight.path("metadata").path("name").asText())
                .isEqualTo(sha1("Warehouse/services-warehouse:" + String.join("|", parts.stream().sorted().toList())));
        String alias = freight.path("alias").asText();
        assertThat(alias).matches("[a-z]+-[a-z]+");

        KargoRun wide = kargo("get", "freight", "-o", "wide");
        assertThat(wide.out().lines().toList()).hasSize(2);
        assertThat(wide.out().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "ALIAS", "WAREHOUSE", "VERSION", "CREATED");
        assertThat(wide.out()).contains(alias, "services-warehouse", "v1.2.3");

        KargoRun again = kargo("refresh", "warehouse", "services-warehouse");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("unchanged");
        assertThat(freightJson().path("items")).hasSize(1);

        // a newer pre-release is newer by semver (1.2.4-alpha.1 > 1.2.3): the example's range admits it
        pushServices("v1.2.4-alpha.1");
        assertThat(kargo("refresh", "warehouse", "services-warehouse").exitCode()).isZero();
        JsonNode newest = freightJson("--warehouse", "services-warehouse").path("items").get(1);
        assertThat(newest.path("images").get(0).path("tag").asText()).isEqualTo("v1.2.4-alpha.1");

        JsonNode byAlias = freightJson("--alias", alias);
        assertThat(byAlias.path("kind").asText()).isEqualTo("Freight");
        assertThat(byAlias.path("metadata").path("name").asText()).isEqualTo(freight.path("metadata").path("name").asText());
    }

    @Test
    void packagesDeclaredAsChartsAreDiscoveredFromNpmAndHashedAsKargoHashesCharts() throws Exception {
        NpmPublisher npm = NpmPublisher.signUp(TestServices.npmRegistry(), namespace, "pw-" + namespace);
        for (String pkg : ExampleProject.packages()) {
            String name = pkg.replace("@yourorg/", scope + "/");
            for (String version : List.of("1.0.0", "1.1.0-alpha.1", "1.1.0-beta.1", "1.1.0", "0.9.0")) {
                npm.publish(name, version);
            }
        }
        assertThat(kargo("apply", "-f", config.toString()).exitCode()).isZero();
        KargoRun refresh = kargo("refresh", "warehouse", "packages-warehouse");
        assertThat(refresh.exitCode()).as(refresh.err()).isZero();

        JsonNode freight = freightJson("--warehouse", "packages-warehouse").path("items").get(0);
        List<String> parts = new ArrayList<>();
        for (JsonNode chart : freight.path("charts")) {
            assertThat(chart.path("version").asText()).isEqualTo("1.1.0");
            // Kargo's NormalizeChart reads the port of "http://127.0.0.1:PORT" as an image tag and drops it, and
            // Go's path.Join then turns "http://host" into "http:/host"
            String repo = chart.path("repoURL").asText().replaceFirst(":[0-9]+$", "").replace("://", ":/");
            parts.add(repo + "/" + chart.path("name").asText() + ":1.1.0");
        }
        assertThat(parts).hasSize(3);
        assertThat(freight.path("metadata").path("name").asText())
                .isEqualTo(sha1("Warehouse/packages-warehouse:" + String.join("|", parts.stream().sorted().toList())));
    }

    @Test
    void aFailedDiscoveryMakesNoFreightAndSaysWhichSubscriptionFailed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path broken = ExampleProject.copyTo(temp.resolve("broken"), Map.of(
                "harbor.yourdomain.com/services/", "127.0.0.1:" + closedPort + "/" + namespace + "/",
                "https://verdaccio.yourdomain.com", TestServices.npmRegistry()));
        assertThat(kargo("apply", "-f", broken.toString()).exitCode()).isZero();

        KargoRun refresh = kargo("refresh", "warehouse", "services-warehouse");
        assertThat(refresh.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refresh.err()).contains("no Freight was made", "127.0.0.1:" + closedPort + "/" + namespace + "/user-service");
        assertThat(freightJson().path("items")).isEmpty();

        KargoRun warehouses = kargo("get", "warehouses");
        assertThat(warehouses.out()).containsPattern("services-warehouse\\s+False\\s+<none>");
    }

    @Test
    void invalidConfigurationIsRefusedWithFileLineAndExitCode2AndNothingStored() throws Exception {
        Path stage = config.resolve("stages/staging-stage.yaml");
        Files.writeString(stage, Files.readString(stage).replace("- dev", "- qa"));

        KargoRun apply = kargo("apply", "-f", config.toString());
        assertThat(apply.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(apply.err()).contains("staging-stage.yaml:", "qa", "nothing was changed");
        KargoRun get = kargo("get", "freight");
        assertThat(get.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(get.err()).contains("kargo apply");
    }

    @Test
    void unknownNamesAndUsageErrorsHaveScriptFriendlyExitCodes() {
        assertThat(kargo("apply", "-f", config.toString()).exitCode()).isZero();
        KargoRun unknown = kargo("refresh", "warehouse", "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.err()).contains("warehouse nope not found", "services-warehouse");
        assertThat(kargo("get", "freight", "-o", "xml").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(kargo("get", "freight", "--project", "other").err()).contains("project other not found", "myapp");
    }

    @Test
    void everyCommandsHelpSaysWhatItDoesAndNamesTheExitCodes() {
        for (List<String> command : List.<List<String>>of(List.of(), List.of("promote"), List.of("rollback"), List.of("refresh"),
                List.of("refresh", "stage"), List.of("verify", "stage"), List.of("approve"), List.of("reject"),
                List.of("serve"), List.of("get", "stages"), List.of("get", "verifications"))) {
            String help = help(command);
            assertThat(help).as(String.join(" ", command)).contains("Usage: kargo",
                    "Exit codes: 0 done 1 the operation failed", "2 bad usage or invalid configuration");
            if (!command.isEmpty() && !command.equals(List.of("refresh"))) {
                assertThat(help).as(String.join(" ", command))
                        .contains("--state=DIR The state directory (default ~/.kargo, or $KARGO_HOME when set).");
            }
        }
        assertThat(help(List.of())).contains("Options go after the command, kubectl style; `kargo help COMMAND` lists them.");
        for (String waits : List.of("promote", "rollback")) {
            assertThat(help(List.of(waits))).contains("--wait When another kargo process runs the stage, wait for the "
                    + "promotion and its verification to end.");
        }
        assertThat(help(List.of("refresh"))).contains("stage Auto-promote into the stage if its policy says so, then run "
                + "its queue. Exit codes:");
        assertThat(help(List.of("refresh", "stage"))).contains("each followed by its verification",
                "(exit 1 when it or its verification did not succeed)");
    }

    /** The command's {@code -h}, its whitespace made single spaces (picocli wraps at 80 columns). */
    private static String help(List<String> command) {
        StringWriter out = new StringWriter();
        String[] args = Stream.concat(command.stream(), Stream.of("-h")).toArray(String[]::new);
        assertThat(KargoCommand.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args))
                .as(String.join(" ", args)).isZero();
        return out.toString().replaceAll("\\s+", " ");
    }

    private static String sha1(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
