package io.jenkins.plugins.kargo.testkit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Publishes sample versions of the example project's three services and three packages to the local registry and
 * Verdaccio started by {@code ci/services.sh}, so {@code ci/demo.sh} can show versions arriving over time.
 * Images are single-platform linux/amd64 manifests, as most CI pipelines push them (the example asks for
 * {@code platform: linux/amd64}, which such an image's config satisfies).
 *
 * <pre>
 * DemoArtifacts images v1.2.3-beta.1 latest     # every service gets these tags
 * DemoArtifacts packages 1.1.0-beta.1           # every package gets these versions
 * </pre>
 */
public final class DemoArtifacts {

    private DemoArtifacts() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || !List.of("images", "packages").contains(args[0])) {
            System.err.println("usage: DemoArtifacts images TAG... | packages VERSION...");
            System.exit(2);
        }
        List<String> versions = Arrays.asList(args).subList(1, args.length);
        if (args[0].equals("images")) {
            OciImagePusher registry = OciImagePusher.anonymous(TestServices.registry());
            for (String service : ExampleProject.services()) {
                for (String tag : versions) {
                    String digest = registry.image("services/" + service).tag(tag)
                            .platform("linux/amd64").created(Instant.now()).push().digest();
                    System.out.printf("pushed %s/services/%s:%s %s%n", TestServices.registry(), service, tag, digest);
                }
            }
        } else {
            NpmPublisher npm = NpmPublisher.signUp(TestServices.npmRegistry(), "demo-" + System.nanoTime(), "demo-password");
            for (String pkg : ExampleProject.packages()) {
                for (String version : versions) {
                    npm.publish(pkg, version, version.contains("-") ? "next" : "latest");
                    System.out.printf("published %s@%s to %s%n", pkg, version, TestServices.npmRegistry());
                }
            }
        }
    }
}
