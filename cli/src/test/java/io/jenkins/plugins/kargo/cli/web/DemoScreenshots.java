package io.jenkins.plugins.kargo.cli.web;

import java.nio.file.Path;
import org.openqa.selenium.By;

/**
 * Screenshots of a running Freight view (not a test; {@code ci/screenshots.sh}, run beside {@code ci/demo.sh}): the
 * pipeline and the Freight timeline in both themes, into {@code docs/images/}, in Debian's headless Chromium.
 *
 * <pre>DemoScreenshots URL DIRECTORY</pre>
 */
public final class DemoScreenshots {

    private DemoScreenshots() {
    }

    public static void main(String[] args) {
        String url = args[0];
        Path directory = Path.of(args[1]);
        try (Browser browser = Browser.open(1400, 1100)) {
            for (String theme : new String[] {"light", "dark"}) {
                browser.get(url);
                browser.awaitRender(0);
                // the user's choice, as the theme button keeps it: it wins over the dashboard's default
                browser.script("localStorage.setItem('kargo.theme', arguments[0])", theme);
                browser.driver().navigate().refresh();
                browser.awaitRender(0);
                browser.await(By.cssSelector(".freight-table tbody tr"));
                browser.screenshot(directory.resolve("freight-view-" + theme + ".png"));
            }
        }
    }
}
