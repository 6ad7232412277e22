package io.jenkins.plugins.kargo.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases of Kargo's own {@code pkg/urls/*_test.go}, plus the forms Freight IDs meet in this project. */
class RepoUrlsTest {

    static Stream<Arguments> sanitizeCases() {
        return Stream.of(
                Arguments.of("  https://example.com/repo  ", "https://example.com/repo"),
                Arguments.of("\n\thttps://example.com/repo\t\n", "https://example.com/repo"),
                Arguments.of("\uFEFFhttps://example.com/repo", "https://example.com/repo"),
                Arguments.of("https://example.com/\u200Brepo", "https://example.com/repo"),
                Arguments.of("https://example.com/repo\uFEFF", "https://example.com/repo"),
                Arguments.of("\uFEFF https://example.com/\u200Brepo \uFEFF", "https://example.com/repo"),
                Arguments.of("\uFEFF \n https://example.com/\trepo \u200B \n ", "https://example.com/repo"),
                Arguments.of("https://example.com/repo", "https://example.com/repo"),
                Arguments.of("ftp://example.com/resource", "ftp://example.com/resource"),
                Arguments.of("   ", ""),
                Arguments.of("", ""),
                Arguments.of("https://example.com/ myrepo", "https://example.com/ myrepo"),
                Arguments.of("https://example.com/\u200Bmyrepo", "https://example.com/myrepo"));
    }

    @ParameterizedTest
    @MethodSource("sanitizeCases")
    void sanitizesAsKargo(String input, String expected) {
        assertThat(RepoUrls.sanitize(input)).isEqualTo(expected);
    }

    static Stream<Arguments> imageCases() {
        return Stream.of(
                Arguments.of("index.docker.io/library/busybox", "busybox"),
                Arguments.of("index.docker.io/busybox", "busybox"),
                Arguments.of("registry-1.docker.io/library/busybox", "busybox"),
                Arguments.of("registry-1.docker.io/busybox", "busybox"),
                Arguments.of("docker.io/library/busybox", "busybox"),
                Arguments.of("docker.io/busybox", "busybox"),
                Arguments.of("library/busybox", "busybox"),
                Arguments.of("busybox", "busybox"),
                Arguments.of("index.docker.io/example/repo", "example/repo"),
                Arguments.of("docker.io/example/repo", "example/repo"),
                Arguments.of("example/repo", "example/repo"),
                Arguments.of("ghcr.io/example/repo", "ghcr.io/example/repo"),
                Arguments.of("quay.io/example/repo", "quay.io/example/repo"),
                Arguments.of("invalid url", "invalid url"),
                // beyond Kargo's table: the registry rules of go-containerregistry v0.21.7
                Arguments.of("localhost/team/app", "localhost/team/app"),
                Arguments.of("127.0.0.1:5000/team/app", "127.0.0.1:5000/team/app"),
                Arguments.of("Harbor.Example.com/Services/User-Service", "harbor.example.com/services/user-service"),
                Arguments.of("ghcr.io/example/repo:v1.2.3", "ghcr.io/example/repo"),
                Arguments.of("busybox@sha256:" + "ab".repeat(32), "busybox"),
                Arguments.of("a", "a"));
    }

    @ParameterizedTest
    @MethodSource("imageCases")
    void normalizesImagesAsKargo(String input, String expected) {
        assertThat(RepoUrls.normalizeImage(input)).isEqualTo(expected);
    }

    static Stream<Arguments> chartCases() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("repo", "repo"),
                Arguments.of("  repo  ", "repo"),
                Arguments.of("REpo", "repo"),
                Arguments.of("oci://repo", "repo"),
                Arguments.of("  oci://repo  ", "repo"),
                Arguments.of("OCI://Repo", "repo"),
                Arguments.of("oci://docker.io/example/repo", "example/repo"),
                Arguments.of("docker.io/example/repo", "example/repo"),
                Arguments.of("oci://index.docker.io/example/repo", "example/repo"),
                Arguments.of("index.docker.io/example/repo", "example/repo"),
                Arguments.of("oci://registry-1.docker.io/example/repo", "example/repo"),
                Arguments.of("registry-1.docker.io/example/repo", "example/repo"),
                // beyond Kargo's table, worked out from go-containerregistry's rules: "https:" reads as a registry
                // and "/host" as a repository, so an https URL comes back as it was (lower case) ...
                Arguments.of("https://Charts.Example.com/stable", "https://charts.example.com/stable"),
                // ... a port without a path reads as a tag and is dropped ...
                Arguments.of("http://127.0.0.1:4873", "http://127.0.0.1"),
                // ... and a port followed by a path makes the reference invalid, so the input is kept
                Arguments.of("https://charts.example.com:8443/stable", "https://charts.example.com:8443/stable"),
                // Go's url.Parse refuses a space in the host: the input comes back untouched, case and all
                Arguments.of("https://Not A Host/x", "https://Not A Host/x"));
    }

    @ParameterizedTest
    @MethodSource("chartCases")
    void normalizesChartsAsKargo(String input, String expected) {
        assertThat(RepoUrls.normalizeChart(input)).isEqualTo(expected);
    }

    static Stream<Arguments> gitCases() {
        return Stream.of(
                Arguments.of("https://not a url", "https://not a url"),
                Arguments.of("http://github.com/example/repo?foo=bar", "http://github.com/example/repo?foo=bar"),
                Arguments.of("ssh://not a url", "ssh://not a url"),
                Arguments.of("ssh://github.com/example/repo?foo=bar", "ssh://github.com/example/repo?foo=bar"),
                Arguments.of("not even remotely a url", "not even remotely a url"),
                Arguments.of("https://github.com", "https://github.com"),
                Arguments.of("https://github.com/", "https://github.com"),
                Arguments.of("https://foo:bar@github.com", "https://github.com"),
                Arguments.of("https://foo:bar@github.com/", "https://github.com"),
                Arguments.of("https://github.com/example/repo", "https://github.com/example/repo"),
                Arguments.of("https://github.com/example/repo/", "https://github.com/example/repo"),
                Arguments.of("https://github.com/example/repo.git", "https://github.com/example/repo"),
                Arguments.of("https://github.com/example/repo.git/", "https://github.com/example/repo"),
                Arguments.of("https://localhost:8443/example/repo", "https://localhost:8443/example/repo"),
                Arguments.of("https://localhost:8443/example/repo/", "https://localhost:8443/example/repo"),
                Arguments.of("https://localhost:8443/example/repo.git", "https://localhost:8443/example/repo"),
                Arguments.of("https://localhost:8443/example/repo.git/", "https://localhost:8443/example/repo"),
                Arguments.of("https://foo:bar@github.com/example/repo", "https://github.com/example/repo"),
                Arguments.of("https://foo:bar@github.com/example/repo/", "https://github.com/example/repo"),
                Arguments.of("https://foo:bar@github.com/example/repo.git", "https://github.com/example/repo"),
                Arguments.of("https://foo:bar@github.com/example/repo.git/", "https://github.com/example/repo"),
                Arguments.of("https://foo:bar@localhost:8443/example/repo", "https://localhost:8443/example/repo"),
                Arguments.of("https://foo:bar@localhost:8443/example/repo/", "https://localhost:8443/example/repo"),
                Arguments.of("https://foo:bar@localhost:8443/example/repo.git", "https://localhost:8443/example/repo"),
                Arguments.of("https://foo:bar@localhost:8443/example/repo.git/", "https://localhost:8443/example/repo"),
                Arguments.of("ssh://git.example.com", "ssh://git.example.com"),
                Arguments.of("ssh://git.example.com/", "ssh://git.example.com"),
                Arguments.of("ssh://git@git.example.com", "ssh://git@git.example.com"),
                Arguments.of("ssh://git@git.example.com/", "ssh://git@git.example.com"),
                Arguments.of("ssh://github.com/example/repo", "ssh://github.com/example/repo"),
                Arguments.of("ssh://github.com/example/repo/", "ssh://github.com/example/repo"),
                Arguments.of("ssh://github.com/example/repo.git", "ssh://github.com/example/repo"),
                Arguments.of("ssh://github.com/example/repo.git/", "ssh://github.com/example/repo"),
                Arguments.of("ssh://localhost:2222/example/repo", "ssh://localhost:2222/example/repo"),
                Arguments.of("ssh://localhost:2222/example/repo/", "ssh://localhost:2222/example/repo"),
                Arguments.of("ssh://localhost:2222/example/repo.git", "ssh://localhost:2222/example/repo"),
                Arguments.of("ssh://localhost:2222/example/repo.git/", "ssh://localhost:2222/example/repo"),
                Arguments.of("ssh://git@github.com/example/repo", "ssh://git@github.com/example/repo"),
                Arguments.of("ssh://git@github.com/example/repo/", "ssh://git@github.com/example/repo"),
                Arguments.of("ssh://git@github.com/example/repo.git", "ssh://git@github.com/example/repo"),
                Arguments.of("ssh://git@github.com/example/repo.git/", "ssh://git@github.com/example/repo"),
                Arguments.of("ssh://git@localhost:2222/example/repo", "ssh://git@localhost:2222/example/repo"),
                Arguments.of("ssh://git@localhost:2222/example/repo/", "ssh://git@localhost:2222/example/repo"),
                Arguments.of("ssh://git@localhost:2222/example/repo.git", "ssh://git@localhost:2222/example/repo"),
                Arguments.of("ssh://git@localhost:2222/example/repo.git/", "ssh://git@localhost:2222/example/repo"),
                Arguments.of("git.example.com", "ssh://git.example.com"),
                Arguments.of("git@git.example.com", "ssh://git@git.example.com"),
                Arguments.of("github.com:example/repo", "ssh://github.com/example/repo"),
                Arguments.of("github.com:example/repo/", "ssh://github.com/example/repo"),
                Arguments.of("github.com:example/repo.git", "ssh://github.com/example/repo"),
                Arguments.of("github.com:example/repo.git/", "ssh://github.com/example/repo"),
                Arguments.of("git@github.com:example/repo", "ssh://git@github.com/example/repo"),
                Arguments.of("git@github.com:example/repo/", "ssh://git@github.com/example/repo"),
                Arguments.of("git@github.com:example/repo.git", "ssh://git@github.com/example/repo"),
                Arguments.of("git@github.com:example/repo.git/", "ssh://git@github.com/example/repo"),
                // beyond Kargo's table: case is folded, Go's path escaping is kept
                Arguments.of("HTTPS://GitHub.com/Example/Repo.GIT", "https://github.com/example/repo"),
                Arguments.of("https://example.com/team%20a/repo.git", "https://example.com/team%20a/repo"));
    }

    @ParameterizedTest
    @MethodSource("gitCases")
    void normalizesGitAsKargo(String input, String expected) {
        assertThat(RepoUrls.normalizeGit(input)).isEqualTo(expected);
    }
}
