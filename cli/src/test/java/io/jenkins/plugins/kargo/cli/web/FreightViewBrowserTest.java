package io.jenkins.plugins.kargo.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.PromotionDetail;
import io.jenkins.plugins.kargo.application.view.StageCard;
import io.jenkins.plugins.kargo.application.view.VerificationDetail;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.testkit.GitOpsProject;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Freight view in headless Chromium over a real engine ({@link LiveView}: real git, a real smoke check, a real
 * sign-off; no delivery loop, so the test says when a queue runs): what it draws, what it escapes, what it asks
 * before it acts, and that each action changes the engine's state as the CLI's command would.
 */
class FreightViewBrowserTest {

    private static final String P = GitOpsProject.PROJECT;
    private static final String ADMIN = LiveView.ADMIN;

    /** One browser for the class (it starts slowly on a loaded machine); each test's server has its own origin. */
    private static Browser browser;

    @TempDir
    Path dir;

    private LiveView view;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open(1400, 1000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Leaves the page before its server stops, so its event stream's reconnects are not logged against the next test. */
    @AfterEach
    void close() {
        try {
            browser.get("about:blank");
        } finally {
            if (view != null) {
                view.close();
            }
        }
    }

    /** Opens the view and waits until it has rendered with its event stream open: after that it changes when told. */
    private void open(LiveView live) {
        view = live;
        browser.severeLogs(); // the log is read once: what earlier tests left is not this test's
        browser.get(view.server.uri().toString());
        browser.await(By.cssSelector(".live-status[data-live=on]"));
        browser.awaitRender(1);
        browser.await(By.cssSelector(".timeline"));
    }

    @Test
    void drawsTheSeedsFiveStagesFromItsOwnFilesInTheDashboardsThemeAndRemembersTheUsersChoice() throws Exception {
        open(LiveView.of(dir, ExampleProject.copyTo(dir.resolve("kargo"), Map.of())));

        assertThat(browser.all(By.cssSelector("article.stage .stage-name")).stream().map(WebElement::getText))
                .containsExactly("dev", "staging", "uat", "preprod", "production");
        assertThat(browser.all(By.cssSelector("svg.edges path.edge"))).hasSize(5);
        assertThat(columnOf("Stage/dev")).isLessThan(columnOf("Stage/staging"));
        assertThat(columnOf("Stage/preprod")).isLessThan(columnOf("Stage/production"));
        assertThat(browser.find(By.cssSelector("article.stage[data-stage=uat]")).getText()).contains("manual gate");
        assertThat(browser.find(By.cssSelector("article.stage[data-stage=dev]")).getText()).contains("auto", "No Freight yet");
        assertThat(theme()).as("the seed's dashboard says dark").isEqualTo("dark");

        browser.click(By.cssSelector("[data-action=theme]"));
        assertThat(theme()).isEqualTo("light");
        int renders = browser.renders();
        browser.driver().navigate().refresh();
        browser.awaitRender(0);
        assertThat(theme()).as("after a reload (%d renders before)", renders).isEqualTo("light");
        assertThat(browser.severeLogs()).isEmpty();
    }

    @Test
    void drawsFanOutAndFanIn() throws Exception {
        Path config = Files.createDirectories(dir.resolve("fan"));
        Files.writeString(config.resolve("fan.yaml"), ShopProject.header(
                GitOpsProject.IMAGE, "") + fanStage("dev", "direct: true") + fanStage("qa-east", "stages: [dev]")
                + fanStage("qa-west", "stages: [dev]") + fanStage("prod", "stages: [qa-east, qa-west]"));
        open(LiveView.of(dir, config));

        assertThat(browser.all(By.cssSelector("svg.edges path.edge"))).hasSize(5);
        assertThat(columnOf("Stage/qa-east")).isEqualTo(columnOf("Stage/qa-west")).isGreaterThan(columnOf("Stage/dev"));
        assertThat(columnOf("Stage/prod")).isGreaterThan(columnOf("Stage/qa-east"));
    }

    private static String fanStage(String name, String sources) {
        return """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata: {name: %s, namespace: shop}
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      sources: {%s}
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: http
                          config: {url: "http://127.0.0.1:9/never-called"}
                """.formatted(name, sources);
    }

    @Test
    void aPromotionIsConfirmedWithItsRealDiffThenRunsAndTheGateWaitsForAPerson() throws Exception {
        open(LiveView.gitOps(dir));
        Freight first = view.freight("first", 1, "1.0.0");
        reload();
        signIn(ADMIN);

        browser.click(promoteButton(first.name(), "dev"));
        browser.await(By.cssSelector("dialog.confirm table.changes"));
        assertThat(browser.find(By.cssSelector("dialog.confirm")).getText()).contains("Promote first to dev",
                "as " + ADMIN, "app none → 1.0.0", "Commit to " + view.project.gitops().fileUrl() + " (main)",
                "-    newTag: 0.9.0", "+    newTag: 1.0.0", "nothing was pushed", "Then verifies it: smoke");
        assertThat(view.kargo.views().promotions(P, Optional.of("dev"))).as("nothing before the confirmation").isEmpty();
        assertThat(view.project.deployedTag("dev")).as("the preview pushed nothing").isEqualTo("0.9.0");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "queued");

        PromotionDetail queued = view.kargo.views().stage(P, "dev").lastPromotion().orElseThrow();
        assertThat(queued.actor()).isEqualTo(ADMIN);
        assertThat(queued.phase()).isEqualTo("Pending");
        browser.await(By.cssSelector("article.stage[data-stage=dev] [data-action=abort-promotion]"));

        view.runQueue("dev"); // the promotion and its smoke check; the page follows the engine's events
        browser.awaitText(By.cssSelector("article.stage[data-stage=dev]"), "Healthy");
        assertThat(view.project.deployedTag("dev")).isEqualTo("1.0.0");
        WebElement uat = browser.await(By.cssSelector("article.stage.waiting[data-stage=uat]"));
        assertThat(uat.getText()).contains("Waits for a person: first can be promoted");

        browser.click(By.cssSelector("article.stage[data-stage=uat] [data-action=promote]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Then verifies it: sign-off");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "into uat queued");
        CompletableFuture<Void> uatQueue = view.runQueueMeanwhile("uat");
        browser.awaitText(By.cssSelector("article.stage[data-stage=uat]"), "Waits for a person's sign-off: first");

        browser.click(By.cssSelector("article.stage[data-stage=uat] [data-action=approve]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Signs off the verification of first in stage uat as " + ADMIN);
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        uatQueue.get(60, TimeUnit.SECONDS);
        VerificationDetail signedOff = view.kargo.views().stage(P, "uat").lastVerification().orElseThrow();
        assertThat(signedOff.phase()).isEqualTo("Successful");
        assertThat(signedOff.decision().orElseThrow().actor()).isEqualTo(ADMIN);
        browser.awaitText(By.cssSelector("article.stage[data-stage=uat]"), "Successful by " + ADMIN);
        assertThat(browser.severeLogs()).isEmpty();
    }

    @Test
    void onlyAnAdminMayDecideAndARejectionFailsTheVerification() throws Exception {
        open(LiveView.gitOps(dir));
        view.freight("first", 1, "1.0.0");
        view.kargo.commands().promote(P, "dev", FreightSelector.byAlias("first"), "bob");
        view.runQueue("dev");
        view.kargo.commands().promote(P, "uat", FreightSelector.byAlias("first"), "bob");
        CompletableFuture<Void> uatQueue = view.runQueueMeanwhile("uat");
        browser.awaitText(By.cssSelector("article.stage[data-stage=uat]"), "Waits for a person's sign-off: first");

        signIn("mallory");
        browser.click(By.cssSelector("article.stage[data-stage=uat] [data-action=approve]"));
        browser.awaitText(By.cssSelector("dialog.confirm .note"), "Only " + ADMIN + " may decide here (you are mallory)");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector("dialog.confirm .dialog-error"),
                "mallory may not approve Freight in stage uat: only " + ADMIN + " may");
        browser.click(By.cssSelector("dialog.confirm [data-action=cancel]"));
        assertThat(view.kargo.views().stage(P, "uat").waitsForDecision()).as("still waiting").isTrue();

        browser.click(By.cssSelector("[data-action=sign-out]"));
        signIn(ADMIN);
        browser.click(By.cssSelector("article.stage[data-stage=uat] [data-action=reject]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Fails the verification of first in stage uat");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "first rejected in uat");
        uatQueue.get(60, TimeUnit.SECONDS);
        StageCard uat = view.kargo.views().stage(P, "uat");
        assertThat(uat.health()).isEqualTo("Unhealthy");
        assertThat(uat.lastVerification().orElseThrow().phase()).isEqualTo("Failed");
        browser.awaitText(By.cssSelector("article.stage[data-stage=uat]"), "Unhealthy");
    }

    @Test
    void aStageIsRolledBackFromItsHistoryWithOneClickAndItsHoldReleased() throws Exception {
        open(LiveView.gitOps(dir));
        view.freight("first", 1, "1.0.0");
        Freight second = view.freight("second", 2, "1.1.0");
        for (String alias : List.of("first", "second")) {
            view.kargo.commands().promote(P, "dev", FreightSelector.byAlias(alias), "bob");
            view.runQueue("dev");
        }
        signIn(ADMIN);
        browser.click(By.cssSelector("article.stage[data-stage=dev] a.stage-name"));
        browser.await(By.cssSelector(".stage-page"));

        assertThat(browser.all(By.cssSelector(".history-entry [data-action=rollback]"))).as("the current entry has none")
                .hasSize(1);
        assertThat(browser.find(By.cssSelector(".history-entry.current")).getDomAttribute("data-freight"))
                .isEqualTo(second.name());
        browser.click(By.cssSelector(".history-entry [data-action=rollback]"));
        browser.await(By.cssSelector("dialog.confirm table.changes"));
        assertThat(browser.find(By.cssSelector("dialog.confirm")).getText()).contains("Roll dev back to first",
                "Promotes the earlier Freight first into stage dev as " + ADMIN, "app 1.1.0 → 1.0.0",
                "-    newTag: 1.1.0", "+    newTag: 1.0.0", "Auto-promotion into dev is then held");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "into dev queued; auto-promotion held");

        view.runQueue("dev");
        assertThat(view.project.deployedTag("dev")).isEqualTo("1.0.0");
        assertThat(view.kargo.views().stage(P, "dev").hold().orElseThrow().actor()).isEqualTo(ADMIN);
        browser.click(By.cssSelector("article.stage[data-stage=dev] [data-action=release-hold]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Held by " + ADMIN);
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "hold on dev released");
        assertThat(view.kargo.views().stage(P, "dev").hold()).isEmpty();
    }

    @Test
    void verifyingAgainAndAbortingAVerificationOrAPromotionSayWhatTheyDoThenDoIt() throws Exception {
        open(LiveView.gitOps(dir));
        view.freight("first", 1, "1.0.0");
        Freight second = view.freight("second", 2, "1.1.0");
        view.kargo.commands().promote(P, "dev", FreightSelector.byAlias("first"), "bob");
        view.runQueue("dev");
        signIn(ADMIN);

        browser.click(By.cssSelector("article.stage[data-stage=dev] [data-action=verify]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Runs stage dev's verification again on its current Freight first as " + ADMIN);
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "of dev queued");
        VerificationDetail again = view.kargo.views().stage(P, "dev").lastVerification().orElseThrow();
        assertThat(again.phase()).isEqualTo("Pending");
        assertThat(again.actor()).isEqualTo(ADMIN);

        browser.click(By.cssSelector("article.stage[data-stage=dev] [data-action=abort-verification]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Aborts verification " + again.name() + " of stage dev");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "verification of dev aborted");
        assertThat(view.kargo.views().verification(P, again.name()).phase()).isEqualTo("Aborted");

        browser.click(promoteButton(second.name(), "dev"));
        browser.await(By.cssSelector("dialog.confirm table.changes"));
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "into dev queued");
        PromotionDetail queued = view.kargo.views().stage(P, "dev").lastPromotion().orElseThrow();
        browser.click(By.cssSelector("article.stage[data-stage=dev] [data-action=abort-promotion]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "of second into stage dev");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "promotion " + queued.name() + " aborted");
        assertThat(view.kargo.views().promotion(P, queued.name()).phase()).isEqualTo("Aborted");
        view.runQueue("dev");
        assertThat(view.project.deployedTag("dev")).as("the aborted promotion never ran").isEqualTo("1.0.0");
    }

    @Test
    void whatRegistriesAndUsersNameShowsAsThoseCharacters() throws Exception {
        open(LiveView.gitOps(dir));
        view.freight(LiveView.XSS, 1, LiveView.XSS);
        view.freight("first", 2, "1.0.0");
        view.kargo.commands().promote(P, "dev", FreightSelector.byAlias("first"), LiveView.XSS);
        view.runQueue("dev");
        reload();

        WebElement row = browser.find(By.cssSelector(".freight-table tbody tr:last-child"));
        assertThat(row.getText()).contains(LiveView.XSS);
        browser.click(By.cssSelector("article.stage[data-stage=dev] a.stage-name"));
        browser.await(By.cssSelector(".stage-page"));
        assertThat((String) browser.script("return document.querySelector('.stage-page').textContent"))
                .contains("by " + LiveView.XSS);
        assertThat(browser.all(By.cssSelector("#kargo img"))).isEmpty();
        assertThat(browser.severeLogs()).isEmpty();
    }

    @Test
    void anActionWithoutATokenAsksForOneAndAWrongTokenIsRefused() throws Exception {
        open(LiveView.gitOps(dir));
        Freight first = view.freight("first", 1, "1.0.0");
        reload();

        browser.click(promoteButton(first.name(), "dev"));
        WebElement token = browser.await(By.cssSelector("dialog.confirm input[name=token]"));
        token.sendKeys("not-a-token-of-anyone");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector("dialog.confirm .dialog-error"), "names nobody");
        browser.click(By.cssSelector("dialog.confirm [data-action=cancel]"));
        assertThat(view.kargo.views().promotions(P, Optional.empty())).isEmpty();
    }

    @Test
    void theMaturityFilterAsksTheServerForThatMaturityOnly() throws Exception {
        open(LiveView.gitOps(dir));
        view.freight("alpha-one", 1, "1.0.0-alpha.1");
        view.freight("beta-one", 2, "1.0.0-beta.1");
        view.freight("stable-one", 3, "1.0.0");
        reload();
        assertThat(browser.all(By.cssSelector(".freight-table tbody tr"))).hasSize(3);

        int renders = browser.renders();
        browser.click(By.cssSelector("input[name=maturity][value=beta]"));
        browser.awaitRender(renders);
        assertThat(browser.all(By.cssSelector(".freight-table tbody tr"))).singleElement()
                .satisfies(r -> assertThat(r.getText()).contains("beta-one", "beta"));
        assertThat(browser.find(By.cssSelector(".pager .range")).getText()).isEqualTo("1–1 of 1");
    }

    /** Reloads the page (after the test stored Freight, which no event announces) and waits for its render. */
    private void reload() {
        browser.driver().navigate().refresh();
        browser.await(By.cssSelector(".live-status[data-live=on]"));
        browser.awaitRender(1);
        browser.await(By.cssSelector(".timeline"));
    }

    /** Signs in on the page and waits for the view to reload as that user. */
    private void signIn(String user) {
        browser.click(By.cssSelector("[data-action=sign-in]"));
        browser.await(By.cssSelector("dialog.confirm input[name=token]")).sendKeys(view.token(user));
        int renders = browser.renders();
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".session .user"), user);
        browser.awaitRender(renders);
    }

    private static By promoteButton(String freight, String stage) {
        return By.cssSelector("tr[data-freight='" + freight + "'] td[data-stage='" + stage + "'] [data-action=promote]");
    }

    private String theme() {
        return (String) browser.script("return document.documentElement.dataset.theme");
    }

    /** The horizontal position of a node's column in the graph. */
    private long columnOf(String node) {
        return ((Number) browser.script("return Math.round(document.querySelector('[data-node=\"' + arguments[0] + '\"]')"
                + ".getBoundingClientRect().left)", node)).longValue();
    }
}
