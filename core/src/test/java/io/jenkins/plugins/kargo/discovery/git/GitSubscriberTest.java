package io.jenkins.plugins.kargo.discovery.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.credentials.JGitPrompts;
import io.jenkins.plugins.kargo.api.CommitSelectionStrategy;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.testkit.CredentialsTrap;
import io.jenkins.plugins.kargo.discovery.DiscoveredCommit;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.git.GitTransportRetry;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.GitDaemon;
import io.jenkins.plugins.kargo.testkit.GitHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitSubscriber} against real repositories made with the git command: on disk and behind a git daemon. */
class GitSubscriberTest {

    private static final Instant T0 = Instant.parse("2024-11-14T10:00:00Z");

    @TempDir
    Path temp;

    private BareGitRepository repo;
    private GitSubscriber subscriber;

    @BeforeEach
    void setUp() {
        repo = BareGitRepository.create(temp.resolve("served"), "app");
        subscriber = new GitSubscriber(temp.resolve("cache"), CredentialsProvider.NONE);
    }

    @Test
    void newestFromBranchListsTheFirstParentHistoryNewestFirstUpToTheLimit() throws Exception {
        String first = repo.commit("first", T0, Map.of("a.txt", "1"));
        repo.branch("feature");
        String onFeature = repo.commit("work on a feature", T0.plusSeconds(60), Map.of("b.txt", "1"));
        repo.checkout("main");
        String second = repo.commit("second", T0.plusSeconds(120), Map.of("a.txt", "2"));
        String merge = repo.merge("feature", "merge the feature " + "x".repeat(100), T0.plusSeconds(180));

        List<DiscoveredCommit> found = subscriber.discover(branch(repo.fileUrl(), "").limit(20).build());

        assertThat(found).extracting(DiscoveredCommit::id).containsExactly(merge, second, first)
                .doesNotContain(onFeature);
        DiscoveredCommit newest = found.get(0);
        assertThat(newest.subject()).hasSize(80).startsWith("merge the feature xxx").endsWith("...");
        assertThat(newest.author()).isEqualTo(BareGitRepository.author());
        assertThat(newest.committer()).isEqualTo(BareGitRepository.committer());
        assertThat(newest.creatorDate()).isEqualTo(T0.plusSeconds(180));
        assertThat(newest.repoURL()).isEqualTo(repo.fileUrl());
        assertThat(newest.branch()).as("Kargo records the subscription's branch, empty for the default").isEmpty();
        assertThat(newest.tag()).isEmpty();
        assertThat(newest.version()).isEqualTo(merge);
        assertThat(found.get(1).subject()).isEqualTo("second");

        assertThat(subscriber.discover(branch(repo.fileUrl(), "").limit(2).build()))
                .extracting(DiscoveredCommit::id).containsExactly(merge, second);
    }

    @Test
    void newestFromBranchFollowsTheNamedBranchOrTheRemotesDefaultBranch() throws Exception {
        String onMain = repo.commit("on main", T0, Map.of("a.txt", "1"));
        repo.branch("release");
        String onRelease = repo.commit("on release", T0.plusSeconds(60), Map.of("a.txt", "2"));
        repo.checkout("main");
        repo.branch("develop");
        String onDevelop = repo.commit("on develop", T0.plusSeconds(120), Map.of("a.txt", "3"));

        List<DiscoveredCommit> release = subscriber.discover(branch(repo.fileUrl(), "release").build());
        assertThat(release).extracting(DiscoveredCommit::id).containsExactly(onRelease, onMain);
        assertThat(release).extracting(DiscoveredCommit::branch).containsOnly("release");

        assertThat(subscriber.discover(branch(repo.fileUrl(), "").build()).get(0).id()).isEqualTo(onMain);
        // not a guess at main or master: the remote's HEAD names the default branch
        repo.setDefaultBranch("develop");
        assertThat(subscriber.discover(branch(repo.fileUrl(), "").build()).get(0).id()).isEqualTo(onDevelop);
    }

    @Test
    void aMissingBranchFailsNamingTheRepositoryAndTheBranchesItHas() {
        repo.commit("on main", T0, Map.of("a.txt", "1"));
        repo.branch("release");
        repo.commit("on release", T0.plusSeconds(60), Map.of("a.txt", "2"));

        assertThatThrownBy(() -> subscriber.discover(branch(repo.fileUrl(), "relase").build()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining(repo.fileUrl())
                .hasMessageContaining("no branch 'relase'")
                .hasMessageContaining("branches: main, release");
    }

    @Test
    void semverPicksTagsInTheRangeHighestFirstAndPeelsAnnotatedTags() throws Exception {
        String c1 = repo.commit("one", T0, Map.of("a.txt", "1"));
        repo.tag("v1.0.0");
        String c2 = repo.commit("two", T0.plusSeconds(60), Map.of("a.txt", "2"));
        repo.annotatedTag("v1.2.0", "release 1.2.0", T0.plusSeconds(3600));
        repo.tag("1.1");
        String c3 = repo.commit("three", T0.plusSeconds(120), Map.of("a.txt", "3"));
        repo.tag("v1.10.0");
        repo.tag("v2.0.0-rc.1");
        repo.tag("latest");

        List<DiscoveredCommit> strict = subscriber.discover(
                tags(repo.fileUrl(), CommitSelectionStrategy.SemVer).constraint("^1.0.0").build());
        assertThat(strict).extracting(DiscoveredCommit::tag).containsExactly("v1.10.0", "v1.2.0", "v1.0.0");
        assertThat(strict).extracting(DiscoveredCommit::id).containsExactly(c3, c2, c1);
        assertThat(strict.get(1).creatorDate()).as("an annotated tag's date is its tagger's")
                .isEqualTo(T0.plusSeconds(3600));
        assertThat(strict.get(1).subject()).as("the commit's subject, not the tag's").isEqualTo("two");
        assertThat(strict.get(1).version()).isEqualTo("v1.2.0");

        List<DiscoveredCommit> lenient = subscriber.discover(
                tags(repo.fileUrl(), CommitSelectionStrategy.SemVer).strictSemvers(false).build());
        assertThat(lenient).extracting(DiscoveredCommit::tag)
                .containsExactly("v2.0.0-rc.1", "v1.10.0", "v1.2.0", "1.1", "v1.0.0");
    }

    @Test
    void lexicalOrdersTheTagsThePatternsAllow() throws Exception {
        repo.commit("one", T0, Map.of("a.txt", "1"));
        repo.tag("nightly-20241101");
        repo.tag("release-1");
        repo.commit("two", T0.plusSeconds(60), Map.of("a.txt", "2"));
        repo.tag("nightly-20241103");
        repo.tag("nightly-20241104-rc");
        repo.tag("nightly-20241102");

        Spec nightly = tags(repo.fileUrl(), CommitSelectionStrategy.Lexical)
                .allow("^nightly-").ignore("-rc$");
        assertThat(subscriber.discover(nightly.build())).extracting(DiscoveredCommit::tag)
                .containsExactly("nightly-20241103", "nightly-20241102", "nightly-20241101");
        assertThat(subscriber.discover(nightly.limit(1).build())).extracting(DiscoveredCommit::tag)
                .containsExactly("nightly-20241103");
    }

    @Test
    void newestTagOrdersByCreationTheTaggersDateOrTheCommitsDate() throws Exception {
        String older = repo.commit("older", T0, Map.of("a.txt", "1"));
        repo.tag("c-on-older");
        repo.annotatedTag("b-annotated-later", "made last", T0.plusSeconds(7200));
        String newer = repo.commit("newer", T0.plusSeconds(3600), Map.of("a.txt", "2"));
        repo.tag("a-on-newer");

        List<DiscoveredCommit> found =
                subscriber.discover(tags(repo.fileUrl(), CommitSelectionStrategy.NewestTag).build());

        assertThat(found).extracting(DiscoveredCommit::tag)
                .containsExactly("b-annotated-later", "a-on-newer", "c-on-older");
        assertThat(found).extracting(DiscoveredCommit::id).containsExactly(older, newer, older);
        assertThat(found).extracting(DiscoveredCommit::creatorDate)
                .containsExactly(T0.plusSeconds(7200), T0.plusSeconds(3600), T0);
    }

    @Test
    void includeAndExcludePathsSelectTheCommitsThatTouchAnIncludedPathNotExcluded() throws Exception {
        String root = repo.commit("root", T0, Map.of("src/main.go", "1", "README.md", "1"));
        String docs = repo.commit("docs", T0.plusSeconds(1), Map.of("docs/guide.md", "1"));
        repo.commit("test only", T0.plusSeconds(2), Map.of("src/main_test.go", "1"));
        String chart = repo.commit("chart", T0.plusSeconds(3), Map.of("charts/app/values.yaml", "1"));
        repo.commit("old chart", T0.plusSeconds(4), Map.of("charts-old/values.yaml", "1"));
        String mixed = repo.commit("docs and code", T0.plusSeconds(5), Map.of("docs/x.md", "1", "src/lib.go", "1"));
        Map<String, String> delete = new HashMap<>();
        delete.put("src/lib.go", null);
        String deletion = repo.commit("delete lib", T0.plusSeconds(6), delete);

        GitSubscription code = branch(repo.fileUrl(), "").include("src", "glob:charts/**/*.yaml")
                .exclude("regex:_test\\.go$").build();
        assertThat(subscriber.discover(code)).extracting(DiscoveredCommit::id)
                .containsExactly(deletion, mixed, chart, root);

        GitSubscription markdown = branch(repo.fileUrl(), "").include("glob:**/*.md").build();
        assertThat(subscriber.discover(markdown)).extracting(DiscoveredCommit::id).containsExactly(mixed, docs, root);

        GitSubscription allButDocs = branch(repo.fileUrl(), "").exclude("docs").limit(2).build();
        assertThat(subscriber.discover(allButDocs)).extracting(DiscoveredCommit::subject)
                .containsExactly("delete lib", "docs and code");
    }

    @Test
    void tagStrategiesApplyThePathSelectorsToTheTaggedCommits() throws Exception {
        repo.commit("docs", T0, Map.of("docs/a.md", "1"));
        repo.tag("t1");
        repo.commit("chart", T0.plusSeconds(1), Map.of("charts/app/values.yaml", "1"));
        repo.tag("t2");
        repo.commit("more docs", T0.plusSeconds(2), Map.of("docs/b.md", "1"));
        repo.tag("t3");

        GitSubscription charts = tags(repo.fileUrl(), CommitSelectionStrategy.Lexical).include("charts").build();
        assertThat(subscriber.discover(charts)).extracting(DiscoveredCommit::tag).containsExactly("t2");
    }

    @Test
    void anUnmovedBranchIsAnsweredFromTheLsRemoteWithoutAFetch() throws Exception {
        repo.commit("one", T0, Map.of("a.txt", "1"));
        GitSubscription main = branch(repo.fileUrl(), "main").build();

        List<DiscoveredCommit> first = subscriber.discover(main);
        assertThat(subscriber.fetches()).isEqualTo(1);
        assertThat(subscriber.discover(main)).as("the previous result, not recomputed").isSameAs(first);
        assertThat(subscriber.fetches()).as("nothing moved: no fetch").isEqualTo(1);

        repo.branch("elsewhere");
        repo.commit("not on main", T0.plusSeconds(60), Map.of("a.txt", "2"));
        repo.checkout("main");
        assertThat(subscriber.discover(main)).isEqualTo(first);
        assertThat(subscriber.fetches()).as("another branch moved: no fetch").isEqualTo(1);

        String two = repo.commit("two", T0.plusSeconds(120), Map.of("a.txt", "3"));
        List<DiscoveredCommit> moved = subscriber.discover(main);
        assertThat(moved).extracting(DiscoveredCommit::id).startsWith(two).hasSize(2);
        assertThat(subscriber.fetches()).isEqualTo(2);

        // a new process over the same cache: the ls-remote names objects already there, so no fetch either
        GitSubscriber restarted = new GitSubscriber(temp.resolve("cache"), CredentialsProvider.NONE);
        assertThat(restarted.discover(main)).isEqualTo(moved);
        assertThat(restarted.fetches()).isZero();
    }

    @Test
    void tagsThatTheFiltersRefuseDoNotCauseAFetchAndDeletedTagsDisappear() throws Exception {
        repo.commit("one", T0, Map.of("a.txt", "1"));
        repo.tag("v1.0.0");
        repo.commit("two", T0.plusSeconds(60), Map.of("a.txt", "2"));
        repo.tag("v1.1.0");
        GitSubscription semver = tags(repo.fileUrl(), CommitSelectionStrategy.SemVer).build();
        assertThat(subscriber.discover(semver)).extracting(DiscoveredCommit::tag).containsExactly("v1.1.0", "v1.0.0");
        assertThat(subscriber.fetches()).isEqualTo(1);

        repo.commit("nightly", T0.plusSeconds(120), Map.of("a.txt", "3"));
        repo.tag("nightly");
        assertThat(subscriber.discover(semver)).extracting(DiscoveredCommit::tag).containsExactly("v1.1.0", "v1.0.0");
        assertThat(subscriber.fetches()).as("a tag that is not a semantic version moved nothing").isEqualTo(1);

        repo.deleteTag("v1.1.0");
        assertThat(subscriber.discover(semver)).extracting(DiscoveredCommit::tag).containsExactly("v1.0.0");
        assertThat(subscriber.fetches()).as("the remaining tag's objects are cached").isEqualTo(1);

        repo.tag("v1.2.0");
        assertThat(subscriber.discover(semver)).extracting(DiscoveredCommit::tag).containsExactly("v1.2.0", "v1.0.0");
        assertThat(subscriber.fetches()).isEqualTo(2);
    }

    @Test
    void discoversFromAGitDaemonAndNamesAMissingRepository() throws Exception {
        String commit = repo.commit("served", T0, Map.of("a.txt", "1"));
        repo.annotatedTag("v1.0.0", "first release", T0.plusSeconds(60));
        try (GitDaemon daemon = GitDaemon.serve(temp.resolve("served"))) {
            List<DiscoveredCommit> found = subscriber.discover(
                    tags(daemon.url("app.git"), CommitSelectionStrategy.SemVer).build());
            assertThat(found).extracting(DiscoveredCommit::id).containsExactly(commit);
            assertThat(found.get(0).repoURL()).isEqualTo(daemon.url("app.git"));
            assertThat(subscriber.discover(branch(daemon.url("app.git"), "").build()))
                    .extracting(DiscoveredCommit::id).containsExactly(commit);

            assertThatThrownBy(() -> subscriber.discover(branch(daemon.url("missing.git"), "").build()))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageStartingWith("git repository " + daemon.url("missing.git") + ": ");
        }
    }

    @Test
    void aPrivateRepositoryOverHttpOpensWithTheProvidersUserAndPasswordOrToken() throws Exception {
        String commit = repo.commit("private", T0, Map.of("a.txt", "1"));
        try (GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "kargo", "pw-SECRET-1");
             GitHttpServer tokenServer =
                     GitHttpServer.serve(temp.resolve("served"), JGitPrompts.TOKEN_USER, "tok-SECRET-2")) {
            GitSubscription main = branch(server.url("app.git"), "main").build();

            assertThatThrownBy(() -> subscriber.discover(main))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining(server.url("app.git"))
                    .hasMessageContaining("configure git credentials");

            GitSubscriber wrong = new GitSubscriber(temp.resolve("cache"),
                    (url, kind) -> Optional.of(new Credentials.UsernamePassword("kargo", "pw-SECRET-wrong")));
            assertThatThrownBy(() -> wrong.discover(main))
                    .hasMessageContaining("check that the configured git credentials may read it")
                    .hasMessageNotContaining("SECRET");

            GitSubscriber right = new GitSubscriber(temp.resolve("cache"),
                    (url, kind) -> Optional.of(new Credentials.UsernamePassword("kargo", "pw-SECRET-1")));
            assertThat(right.discover(main)).extracting(DiscoveredCommit::id).containsExactly(commit);
            assertThat(server.authenticatedRequests()).isNotEmpty().containsOnly("kargo");

            GitSubscriber token = new GitSubscriber(temp.resolve("cache"),
                    (url, kind) -> Optional.of(new Credentials.Token("tok-SECRET-2")));
            assertThat(token.discover(branch(tokenServer.url("app.git"), "main").build()))
                    .extracting(DiscoveredCommit::id).containsExactly(commit);
        }
    }

    @Test
    void anUnverifiableCertificateIsAcceptedOnlyWithInsecureSkipTLSVerify() throws Exception {
        String commit = repo.commit("behind tls", T0, Map.of("a.txt", "1"));
        try (GitHttpServer server = GitHttpServer.serveOverSelfSignedTls(temp.resolve("served"), temp.resolve("tls"))) {
            Spec spec = branch(server.url("app.git"), "main");

            assertThatThrownBy(() -> subscriber.discover(spec.build()))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageStartingWith("git repository " + server.url("app.git") + ": ");
            assertThat(subscriber.discover(spec.insecure().build())).extracting(DiscoveredCommit::id)
                    .containsExactly(commit);
        }
        try (Stream<Path> files = Files.walk(temp.resolve("cache"))) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("config")).map(GitSubscriberTest::read))
                    .as("trusted for the one operation: nothing written into the cache's configuration")
                    .isNotEmpty().noneMatch(config -> config.contains("sslVerify"));
        }
    }

    @Test
    void unsafeSchemesAreRefusedBeforeAnyConnection() {
        assertThatThrownBy(() -> subscriber.discover(branch("git://git.example.com/app.git", "").build()))
                .hasMessageContaining("git://git.example.com/app.git").hasMessageContaining("loopback only");
        assertThatThrownBy(() -> subscriber.discover(branch("http://git.example.com/app.git", "").build()))
                .hasMessageContaining("plain HTTP").hasMessageContaining("insecureSkipTLSVerify");
        assertThatThrownBy(() -> subscriber.discover(branch("ssh://git@git.example.com/app.git", "").build()))
                .hasMessageContaining("SSH URLs are not used");
        assertThatThrownBy(() -> subscriber.discover(branch("git@git.example.com:org/app.git", "").build()))
                .hasMessageContaining("SSH URLs are not used");
    }

    @Test
    void credentialsAreNeverSentOverPlainHttpOffLoopbackEvenWhenInsecure() throws Exception {
        GitSubscriber withCredentials = new GitSubscriber(temp.resolve("cache"),
                (url, kind) -> Optional.of(new Credentials.Token("tok-SECRET-123")));
        try (CredentialsTrap trap = CredentialsTrap.start()) {
            String url = trap.url("/app.git");

            assertThatThrownBy(() -> withCredentials.discover(branch(url, "").insecure().build()))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessage("git repository " + url + ": refusing to send credentials over plain HTTP to "
                            + trap.host() + ", which is not on loopback; use https://");
            assertThat(trap.received()).isEmpty();
        }
    }

    @Test
    void credentialsAreLookedUpAsGitAndNeverShownInAFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        List<CredentialKind> asked = new ArrayList<>();
        CredentialsProvider provider = (url, kind) -> {
            asked.add(kind);
            return Optional.of(new Credentials.Token("tok-SECRET-123"));
        };
        // a refused connection is retried: with waits that return at once
        GitSubscriber withCredentials = new GitSubscriber(temp.resolve("cache"), provider,
                GitTransportRetry.of(2, Duration.ofMillis(1), Duration.ofMillis(1), delay -> { }));
        String url = "http://someone:pw-SECRET-456@127.0.0.1:" + closed + "/app.git";

        assertThatThrownBy(() -> withCredentials.discover(branch(url, "").build()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("127.0.0.1:" + closed + "/app.git")
                .hasMessageContaining("not reachable: 2 attempts failed")
                .hasMessageNotContaining("SECRET");
        assertThat(asked).containsExactly(CredentialKind.git);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Spec branch(String url, String branch) {
        return new Spec(url, CommitSelectionStrategy.NewestFromBranch).branch(branch);
    }

    private static Spec tags(String url, CommitSelectionStrategy strategy) {
        return new Spec(url, strategy);
    }

    /** A git subscription with Kargo's defaults, changed field by field. */
    private record Spec(String url, CommitSelectionStrategy strategy, String branchName, String range,
                        boolean strict, List<String> allowed, List<String> ignored, List<String> included,
                        List<String> excluded, int max, boolean skipTlsVerify) {

        Spec(String url, CommitSelectionStrategy strategy) {
            this(url, strategy, "", "", true, List.of(), List.of(), List.of(), List.of(), 20, false);
        }

        Spec insecure() {
            return new Spec(url, strategy, branchName, range, strict, allowed, ignored, included, excluded, max, true);
        }

        Spec branch(String name) {
            return new Spec(url, strategy, name, range, strict, allowed, ignored, included, excluded, max,
                    skipTlsVerify);
        }

        Spec constraint(String value) {
            return new Spec(url, strategy, branchName, value, strict, allowed, ignored, included, excluded, max,
                    skipTlsVerify);
        }

        Spec strictSemvers(boolean value) {
            return new Spec(url, strategy, branchName, range, value, allowed, ignored, included, excluded, max,
                    skipTlsVerify);
        }

        Spec allow(String... regexes) {
            return new Spec(url, strategy, branchName, range, strict, List.of(regexes), ignored, included,
                    excluded, max,
                    skipTlsVerify);
        }

        Spec ignore(String... regexes) {
            return new Spec(url, strategy, branchName, range, strict, allowed, List.of(regexes), included,
                    excluded, max,
                    skipTlsVerify);
        }

        Spec include(String... paths) {
            return new Spec(url, strategy, branchName, range, strict, allowed, ignored, List.of(paths),
                    excluded, max,
                    skipTlsVerify);
        }

        Spec exclude(String... paths) {
            return new Spec(url, strategy, branchName, range, strict, allowed, ignored, included,
                    List.of(paths), max, skipTlsVerify);
        }

        Spec limit(int value) {
            return new Spec(url, strategy, branchName, range, strict, allowed, ignored, included, excluded,
                    value, skipTlsVerify);
        }

        GitSubscription build() {
            return new GitSubscription(url, strategy, branchName, range, strict, allowed, ignored, included, excluded,
                    max, skipTlsVerify, "", SourceLocation.UNKNOWN);
        }
    }
}
