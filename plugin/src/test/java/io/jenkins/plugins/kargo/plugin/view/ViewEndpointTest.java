package io.jenkins.plugins.kargo.plugin.view;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Failure;
import io.jenkins.plugins.kargo.plugin.history.PastPromotion;
import io.jenkins.plugins.kargo.plugin.history.PromotionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

/**
 * The Freight view under Jenkins: every POST needs the crumb and the write permission before anything happens,
 * every read needs the read permission, the view's files are served from the class path and nothing outside it,
 * and approve and reject go through the build's input.
 */
class ViewEndpointTest {

    private static final String ASSETS = "io/jenkins/plugins/kargo/plugin/view/testassets/";

    /** Jenkins as a test sets it up: which permissions the caller has and whether the crumb is good. */
    private static final class Access implements ViewAccess {
        boolean read = true;
        boolean write = true;
        boolean crumb = true;
        final List<String> checks = new ArrayList<>();

        @Override
        public void checkRead() {
            checks.add("read");
            if (!read) {
                throw new AccessDeniedException("anonymous is missing the Job/Read permission");
            }
        }

        @Override
        public void checkWrite() {
            checks.add("write");
            if (!write) {
                throw new AccessDeniedException("bob is missing the Job/Build permission");
            }
        }

        @Override
        public boolean crumbValid() {
            checks.add("crumb");
            return crumb;
        }

        @Override
        public String actor() {
            return "alice";
        }
    }

    private final List<String> decisions = new ArrayList<>();
    private final List<String> viewCalls = new ArrayList<>();

    private ViewEndpoint endpoint() {
        PendingGate gate = new PendingGate("Kargo-myapp-uat", "job/deliver/7/", "Promote?", new PendingGate.Decide() {
            @Override
            public void approve() {
                decisions.add("approve");
            }

            @Override
            public void reject() {
                throw new Failure("You need to be admin@yourdomain.com to submit this.");
            }
        });
        JobApi api = new JobApi("myapp", () -> List.of(gate), (project, stage) -> List.of(new PastPromotion(5,
                "job/deliver/5/", project, stage, "f1", "old-fox", Map.of("repo", "v1"),
                PromotionAction.Result.SUCCEEDED)), (method, path, query, body, actor) -> {
            viewCalls.add(method + " " + path + " by " + actor);
            return ViewResponse.json(200, "{}");
        });
        return new ViewEndpoint(ASSETS, ViewEndpointTest.class.getClassLoader(), api);
    }

    private static final String[] POSTS = {"api/jenkins/gates/Kargo-myapp-uat/approve",
        "api/jenkins/gates/Kargo-myapp-uat/reject", "api/projects/myapp/stages/uat/promote",
        "api/projects/myapp/stages/uat/rollback", "api/projects/myapp/stages/uat/verify"};

    @Test
    void everyPostWithoutACrumbIsRefusedBeforeAnythingHappens() {
        for (String path : POSTS) {
            Access access = new Access();
            access.crumb = false;
            ViewResponse r = endpoint().handle("POST", path, Map.of(), "{}", access);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.json()).contains("crumb");
            assertThat(access.checks).as(path).containsExactly("crumb");
        }
        assertThat(decisions).isEmpty();
        assertThat(viewCalls).isEmpty();
    }

    @Test
    void everyPostWithoutTheWritePermissionIsRefused() {
        for (String path : POSTS) {
            Access access = new Access();
            access.write = false;
            ViewResponse r = endpoint().handle("POST", path, Map.of(), "{}", access);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.json()).contains("missing the Job/Build permission");
        }
        assertThat(decisions).isEmpty();
        assertThat(viewCalls).isEmpty();
    }

    @Test
    void writesReachTheirHandlerWithTheActorOnlyAfterBothChecks() {
        Access access = new Access();
        ViewResponse r = endpoint().handle("POST", "api/projects/myapp/stages/uat/promote", Map.of(), "{}", access);
        assertThat(r.status()).isEqualTo(200);
        assertThat(access.checks).containsExactly("crumb", "write");
        assertThat(viewCalls).containsExactly("POST /projects/myapp/stages/uat/promote by alice");
        assertThat(endpoint().handle("PUT", "api/projects/myapp", Map.of(), "", new Access()).status())
                .isEqualTo(405);
    }

    @Test
    void readsNeedTheReadPermission() {
        Access denied = new Access();
        denied.read = false;
        assertThat(endpoint().handle("GET", "api/projects/myapp/pipeline", Map.of(), "", denied).status())
                .isEqualTo(403);
        assertThat(endpoint().handle("GET", "static/js/main.js", Map.of(), "", denied).status()).isEqualTo(403);
        Access allowed = new Access();
        endpoint().handle("GET", "api/projects/myapp/pipeline", Map.of(), "", allowed);
        assertThat(allowed.checks).containsExactly("read");
        assertThat(viewCalls).containsExactly("GET /projects/myapp/pipeline by ");
    }

    @Test
    void theViewsFilesComeFromTheClassPathAndNothingElse() {
        ViewResponse js = endpoint().handle("GET", "static/js/main.js", Map.of(), "", new Access());
        assertThat(js.asset()).isNotNull();
        assertThat(js.asset().toString()).endsWith("testassets/js/main.js");
        for (String bad : List.of("static/../view/ViewEndpointTest.class", "static/js/../../x", "static/missing.js",
                "static//etc/passwd", "other")) {
            assertThat(endpoint().handle("GET", bad, Map.of(), "", new Access()).status()).as(bad).isEqualTo(404);
        }
        assertThat(endpoint().handle("POST", "static/js/main.js", Map.of(), "", new Access()).status())
                .isEqualTo(405);
    }

    @Test
    void gatesAreDecidedThroughTheBuildsInputAndItsChecks() {
        ViewResponse list = endpoint().handle("GET", "api/jenkins/gates", Map.of(), "", new Access());
        assertThat(list.json()).contains("\"id\":\"Kargo-myapp-uat\"",
                "\"proceedUrl\":\"job/deliver/7/input/Kargo-myapp-uat/proceedEmpty\"");

        assertThat(endpoint().handle("POST", "api/jenkins/gates/Kargo-myapp-uat/approve", Map.of(), "",
                new Access()).status()).isEqualTo(200);
        assertThat(decisions).containsExactly("approve");

        ViewResponse refused = endpoint().handle("POST", "api/jenkins/gates/Kargo-myapp-uat/reject", Map.of(), "",
                new Access());
        assertThat(refused.status()).as("the input's own check refuses").isEqualTo(403);
        assertThat(refused.json()).contains("You need to be admin@yourdomain.com");
        assertThat(endpoint().handle("POST", "api/jenkins/gates/Kargo-myapp-prod/approve", Map.of(), "",
                new Access()).status()).isEqualTo(404);
    }

    @Test
    void theHistoryListsPastPromotionsWithTheirBuilds() {
        ViewResponse history = endpoint().handle("GET", "api/jenkins/history", Map.of("stage",
                new String[] {"production"}), "", new Access());
        assertThat(history.json()).contains("\"build\":5", "\"buildUrl\":\"job/deliver/5/\"",
                "\"freightAlias\":\"old-fox\"", "\"result\":\"SUCCEEDED\"", "\"repo\":\"v1\"");
        assertThat(endpoint().handle("GET", "api/jenkins/history", Map.of(), "", new Access()).status())
                .isEqualTo(400);
    }

    @Test
    void theUiModulesFilesAndRouteTableAreServedAsTheyAre() {
        ViewEndpoint view = new ViewEndpoint(FreightViewApi.ASSETS, ViewEndpointTest.class.getClassLoader(),
                FreightViewApi.of());
        assertThat(view.handle("GET", "static/js/main.js", Map.of(), "", new Access()).asset()).isNotNull();
        assertThat(view.handle("GET", "static/css/kargo.css", Map.of(), "", new Access()).asset()).isNotNull();
        ViewResponse unknown = view.handle("GET", "api/no/such/path", Map.of(), "", new Access());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).as("the view's own error shape").contains("\"error\"", "\"status\":404",
                "\"code\":\"not-found\"");
    }

    @Test
    void errorMessagesAreJsonEvenWhenTheyHoldMarkup() {
        assertThat(ViewResponse.error(400, "x", "tag <img src=x onerror=alert(1)> \"q\"").json())
                .isEqualTo("{\"error\":{\"code\":\"x\",\"message\":\"tag \\u003cimg src=x onerror=alert(1)\\u003e "
                        + "\\\"q\\\"\"}}");
    }
}
