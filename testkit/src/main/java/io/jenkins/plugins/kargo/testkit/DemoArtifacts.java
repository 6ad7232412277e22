package io.jenkins.plugins.kargo.testkit;

import java.time.Instant;
import java.util.List;

/**
 * Fills the local registry and Verdaccio (from {@code ci/services.sh}) with sample versions of the example
 * project's three services and three packages: alpha, beta and stable versions built on different days, and
 * tags the example's patterns refuse. Images are linux/amd64 + linux/arm64 indexes, since the example asks for
 * {@code platform: linux/amd64}. Run by {@code ci/demo.sh}.
 */
public final class DemoArtifacts {

    /** Tag and build date, oldest first; {@code latest} and {@code sha-...} are there to be filtered out. */
    private static final List<String[]> IMAGE_TAGS = List.of(
            new String[] {"v1.1.0", "2024-11-01T09:00:00Z"},
            new String[] {"v1.2.3-alpha.20241114153045", "2024-11-14T15:30:45Z"},
            new String[] {"v1.2.3-beta.1", "2024-11-15T10:20:30Z"},
            new String[] {"v1.2.3", "2024-11-16T14:45:00Z"},
            new String[] {"sha-4b90c49", "2024-11-16T14:45:00Z"},
            new String[] {"latest", "2024-11-16T14:45:00Z"});

    private static final List<String> PACKAGE_VERSIONS = List.of("1.0.0", "1.1.0-alpha.1", "1.1.0-beta.1", "1.1.0");

    private DemoArtifacts() {
    }

    public static void main(String[] args) {
        OciImagePusher registry = OciImagePusher.anonymous(TestServices.registry());
        for (String service : ExampleProject.services()) {
            for (String[] tag : IMAGE_TAGS) {
                String digest = registry.image("services/" + service).tag(tag[0])
                        .platforms("linux/amd64", "linux/arm64").created(Instant.parse(tag[1])).push().digest();
                System.out.printf("pushed %s/services/%s:%s %s%n", TestServices.registry(), service, tag[0], digest);
            }
        }
        NpmPublisher npm = NpmPublisher.signUp(TestServices.npmRegistry(), "demo", "demo-password");
        for (String pkg : ExampleProject.packages()) {
            for (String version : PACKAGE_VERSIONS) {
                npm.publish(pkg, version, version.contains("-") ? "next" : "latest");
                System.out.printf("published %s@%s to %s%n", pkg, version, TestServices.npmRegistry());
            }
        }
    }
}
