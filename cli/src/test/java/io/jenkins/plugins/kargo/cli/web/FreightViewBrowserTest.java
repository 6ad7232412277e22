package io.jenkins.plugins.kargo.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Freight view in headless Chromium, served by the real web server with records in the shape of docs/api.md
 * ({@link SampleViews}): what it draws, what it escapes, what it asks before it acts, and what it sends.
 */
class FreightViewBrowserTest {

    /** One browser for the class (it starts slowly on a loaded machine); each test's server has its own origin. */
    private static Browser browser;
    private WebServer server;
    private SampleViews views;
    private Tokens.Generated alice;

    private void open(SampleViews sample) throws Exception {
        views = sample;
        alice = Tokens.generate("alice");
        server = WebServer.start(InetAddress.getLoopbackAddress(), 0, sample.router(), alice.tokens(), List.of(),
                new ObjectMapper(), null);
        browser.get(server.uri().toString());
        // the view renders once, and again when its event stream opens (whatever happened meanwhile): after
        // that it changes only when the test makes it
        browser.await(By.cssSelector(".live-status[data-live=on]"));
        browser.awaitRender(1);
        browser.await(By.cssSelector(".freight-table"));
    }

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

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void drawsTheSeedsFiveStagesWithTheGateThatWaitsForAPersonStandingOut() throws Exception {
        open(SampleViews.seed("light"));

        assertThat(browser.all(By.cssSelector("article.stage .stage-name")).stream().map(WebElement::getText))
                .containsExactlyElementsOf(SampleViews.SEED_STAGES);
        assertThat(browser.all(By.cssSelector("svg.edges path.edge"))).hasSize(5);
        WebElement uat = browser.find(By.cssSelector("article.stage[data-stage=uat]"));
        assertThat(uat.getDomAttribute("class")).contains("waiting");
        assertThat(uat.getText()).contains("Waits for a person: brave-otter", "manual gate");
        assertThat(browser.find(By.cssSelector("article.stage[data-stage=dev]")).getText()).contains("auto", "icy-sparrow");
        assertThat(columnOf("stage/dev")).isLessThan(columnOf("stage/staging"));
        assertThat(browser.severeLogs()).isEmpty();
    }

    @Test
    void drawsFanOutAndFanIn() throws Exception {
        open(SampleViews.fanOutFanIn());

        assertThat(browser.all(By.cssSelector("svg.edges path.edge"))).hasSize(5);
        assertThat(columnOf("stage/qa-east")).isEqualTo(columnOf("stage/qa-west")).isGreaterThan(columnOf("stage/dev"));
        assertThat(columnOf("stage/prod")).isGreaterThan(columnOf("stage/qa-east"));
    }

    @Test
    void aTagThatIsHtmlShowsAsThoseCharacters() throws Exception {
        open(SampleViews.seed("light"));

        WebElement row = browser.find(By.cssSelector("tr[data-freight='" + String.format("%040x", 3) + "']"));
        assertThat(row.getText()).contains(SampleViews.XSS);
        assertThat(browser.all(By.cssSelector("#kargo img"))).isEmpty();
        browser.click(By.cssSelector("article.stage[data-stage=dev] a.stage-name"));
        browser.await(By.cssSelector(".stage-page"));
        assertThat((String) browser.script("return document.querySelector('.stage-page').textContent"))
                .contains("by " + SampleViews.XSS, "committed " + SampleViews.XSS);
        assertThat(browser.all(By.cssSelector("#kargo img"))).isEmpty();
        assertThat(browser.severeLogs()).isEmpty();
    }

    @Test
    void theDashboardsThemeIsTheDefaultAndTheUsersChoiceIsRemembered() throws Exception {
        open(SampleViews.seed("dark"));
        assertThat(theme()).isEqualTo("dark");

        browser.click(By.cssSelector("[data-action=theme]"));
        assertThat(theme()).isEqualTo("light");
        int renders = browser.renders();
        browser.driver().navigate().refresh();
        browser.awaitRender(0);
        assertThat(theme()).as("after a reload (%d renders before)", renders).isEqualTo("light");
    }

    @Test
    void aPromotionIsConfirmedWithItsVersionsOldToNewAndItsDiffThenSentAsTheSignedInUser() throws Exception {
        open(SampleViews.seed("light"));
        signIn(alice.token());

        browser.click(promoteButton(String.format("%040x", 3), "dev"));
        WebElement dialog = browser.await(By.cssSelector("dialog.confirm table.changes"));
        dialog = browser.find(By.cssSelector("dialog.confirm"));
        assertThat(dialog.getText()).contains("Promote calm-heron to dev", "as alice",
                "user-service v1.2.5-beta.1 → v1.2.6", "Commit to https://github.com/yourorg/gitops-config.git (main)",
                "+  newTag: v1.2.6", "nothing was pushed", "Then verifies it: manual-uat-approval");
        assertThat(views.writes).as("nothing is sent before the confirmation").isEmpty();
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "queued");

        assertThat(views.writes).containsExactly("promote dev by alice {\"freight\":\"" + String.format("%040x", 3) + "\"}");
    }

    @Test
    void anActionWithoutATokenAsksForOneAndAWrongTokenIsRefused() throws Exception {
        open(SampleViews.seed("light"));

        browser.click(By.cssSelector("article.stage[data-stage=uat] [data-action=approve]"));
        WebElement dialog = browser.await(By.cssSelector("dialog.confirm input[name=token]"));
        dialog.sendKeys("not-a-token-of-anyone");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector("dialog.confirm .dialog-error"), "names nobody");
        assertThat(views.writes).isEmpty();

        browser.click(By.cssSelector("dialog.confirm [data-action=cancel]"));
        signIn(alice.token());
        browser.click(By.cssSelector("article.stage[data-stage=uat] [data-action=approve]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Signs off the verification of brave-otter in stage uat as alice");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "approved for uat");
        assertThat(views.writes).containsExactly("approve uat by alice {\"freight\":\"" + String.format("%040x", 2) + "\"}");
    }

    @Test
    void aStageIsRolledBackFromItsHistoryWithOneClickPerEntry() throws Exception {
        open(SampleViews.seed("light"));
        signIn(alice.token());
        browser.click(By.cssSelector("article.stage[data-stage=dev] a.stage-name"));
        browser.await(By.cssSelector(".stage-page"));

        assertThat(browser.all(By.cssSelector(".history-entry [data-action=rollback]"))).as("the current entry has none")
                .hasSize(1);
        browser.click(By.cssSelector(".history-entry [data-action=rollback]"));
        browser.await(By.cssSelector("dialog.confirm table.changes"));
        assertThat(browser.find(By.cssSelector("dialog.confirm")).getText()).contains("Roll dev back to calm-heron",
                "Promotes the earlier Freight calm-heron into stage dev as alice", "v1.2.5-beta.1 → v1.2.6",
                "Auto-promotion into dev is then held");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "rollback promotion/rb into dev queued");

        assertThat(views.writes).containsExactly("rollback dev by alice {\"freight\":\"" + String.format("%040x", 3) + "\"}");
    }

    @Test
    void verifyingAgainAndAbortingAVerificationSayWhatTheyDoBeforeTheyDoIt() throws Exception {
        open(SampleViews.seed("light"));
        signIn(alice.token());

        browser.click(By.cssSelector("article.stage[data-stage=dev] [data-action=verify]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Runs stage dev's verification again on its current Freight icy-sparrow as alice");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "verification/dev.v2 of dev queued");

        browser.click(By.cssSelector("article.stage[data-stage=uat] [data-action=abort-verification]"));
        browser.awaitText(By.cssSelector("dialog.confirm"), "Aborts verification uat.v1 of stage uat");
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".toasts"), "verification of uat aborts before its next measurement");

        assertThat(views.writes).containsExactly("verify dev by alice {}", "abort-verification uat by alice {}");
    }

    @Test
    void theMaturityFilterAsksTheServerForThatMaturityOnly() throws Exception {
        open(SampleViews.seed("light"));

        int renders = browser.renders();
        browser.click(By.cssSelector("input[name=maturity][value=beta]"));
        browser.awaitRender(renders);
        assertThat(views.timelineQueries.get(views.timelineQueries.size() - 1)).containsEntry("maturity", List.of("beta"));
        assertThat(browser.all(By.cssSelector(".freight-table tbody tr"))).hasSize(2)
                .allSatisfy(row -> assertThat(row.getText()).contains("beta"));
        assertThat(browser.find(By.cssSelector(".pager .range")).getText()).isEqualTo("1–2 of 2");
    }

    @Test
    void screenshotsInBothThemes() throws Exception {
        open(SampleViews.seed("light"));
        Path dir = Path.of(System.getProperty("kargo.screenshots", "target/screenshots"));
        browser.screenshot(dir.resolve("freight-view-light.png"));
        browser.click(By.cssSelector("[data-action=theme]"));
        assertThat(theme()).isEqualTo("dark");
        browser.screenshot(dir.resolve("freight-view-dark.png"));
        assertThat(dir.resolve("freight-view-dark.png")).isNotEmptyFile();
    }

    /** Signs in on the page and waits for the view to reload as the signed-in user. */
    private void signIn(String token) {
        browser.click(By.cssSelector("[data-action=sign-in]"));
        browser.await(By.cssSelector("dialog.confirm input[name=token]")).sendKeys(token);
        int renders = browser.renders();
        browser.click(By.cssSelector("dialog.confirm [data-action=confirm]"));
        browser.awaitText(By.cssSelector(".session .user"), "alice");
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
