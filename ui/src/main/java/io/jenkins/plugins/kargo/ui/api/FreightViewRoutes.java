package io.jenkins.plugins.kargo.ui.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.Commands;
import io.jenkins.plugins.kargo.application.view.FreightFilter;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.ViewJson;
import io.jenkins.plugins.kargo.application.view.Views;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Freight view's API (docs/api.md) as routes over the application layer: each read is one query of
 * {@link Views}, each write one command of {@link Commands} with the authenticated user as the actor, and nothing
 * more. {@code kargo serve} and the Jenkins plugin mount the same table behind their own authentication.
 */
public final class FreightViewRoutes {

    /** The most Freight one timeline page holds. */
    public static final int MAX_PAGE = 200;

    private static final String PROJECT = "/projects/{project}";
    private static final String STAGE = PROJECT + "/stages/{stage}";

    private final Views views;
    private final Commands commands;
    private final Runnable wake;

    private FreightViewRoutes(Kargo kargo, Runnable wake) {
        this.views = kargo.views();
        this.commands = kargo.commands();
        this.wake = wake;
    }

    /**
     * The routes over {@code kargo}.
     *
     * @param wake called after a write that queued work (a promotion, a verification) or made Freight available (an
     *             approval, a released hold), so the server's delivery loop takes it up now rather than at its next
     *             tick ({@code Kargo.Loop::wake})
     */
    public static Router router(Kargo kargo, Runnable wake) {
        FreightViewRoutes routes = new FreightViewRoutes(kargo, wake);
        return new Router()
                .get("/projects", r -> ApiResponse.ok(routes.views.projects()))
                .get(PROJECT + "/pipeline", r -> ApiResponse.ok(routes.views.pipeline(routes.project(r))))
                .get(PROJECT + "/freight", routes::timeline)
                .get(PROJECT + "/warehouses", r -> ApiResponse.ok(routes.views.warehouses(routes.project(r), List.of())))
                .get(STAGE, r -> ApiResponse.ok(routes.views.stageDetail(routes.project(r), r.param("stage"))))
                .get(STAGE + "/availability", r -> ApiResponse.ok(routes.views.availability(routes.project(r),
                        r.param("stage"), FreightSelector.byNameOrAlias(r.query("freight").orElseThrow(() ->
                                ApiException.badRequest("query parameter freight is required: a Freight's name or alias"))))))
                .get(PROJECT + "/promotions/{promotion}", r -> ApiResponse.ok(routes.views.promotion(routes.project(r),
                        r.param("promotion"))))
                .get(PROJECT + "/verifications/{verification}", r -> ApiResponse.ok(routes.views.verification(
                        routes.project(r), r.param("verification"))))
                // a preview writes nothing, but runs the stage's steps as the user: it needs what a write needs
                .post(STAGE + "/preview", Access.WRITE, r -> ApiResponse.ok(routes.commands.preview(routes.project(r),
                        r.param("stage"), freight(r), r.actor())))
                .post(STAGE + "/promote", Access.WRITE, r -> routes.woke(ApiResponse.accepted(routes.commands.promote(
                        routes.project(r), r.param("stage"), freight(r), r.actor()))))
                .post(STAGE + "/approve", Access.WRITE, r -> routes.woke(ApiResponse.ok(Map.of("result",
                        routes.commands.approve(routes.project(r), r.param("stage"), freight(r), r.actor())))))
                .post(STAGE + "/reject", Access.WRITE, r -> routes.woke(ApiResponse.ok(routes.commands.reject(
                        routes.project(r), r.param("stage"), freight(r), r.actor()))))
                .post(STAGE + "/verify", Access.WRITE, r -> routes.woke(ApiResponse.accepted(routes.commands.verify(
                        routes.project(r), r.param("stage"), r.actor()))))
                .post(STAGE + "/abort-verification", Access.WRITE, r -> ApiResponse.ok(routes.commands.abortVerification(
                        routes.project(r), r.param("stage"), r.actor())))
                .post(STAGE + "/rollback", Access.WRITE, r -> routes.woke(ApiResponse.accepted(routes.commands.rollback(
                        routes.project(r), r.param("stage"), optionalFreight(r), r.actor()))))
                .post(STAGE + "/release-hold", Access.WRITE, r -> routes.woke(ApiResponse.ok(Map.of("released",
                        routes.commands.releaseHold(routes.project(r), r.param("stage"), r.actor())))))
                .post(PROJECT + "/promotions/{promotion}/abort", Access.WRITE, r -> ApiResponse.ok(
                        routes.commands.abortPromotion(routes.project(r), r.param("promotion"), r.actor())));
    }

    /** The project the path names; an unknown one is a 404 that lists the known ones. */
    private String project(ApiRequest request) {
        return views.project(request.param("project"));
    }

    private ApiResponse timeline(ApiRequest r) throws Exception {
        FreightFilter filter = new FreightFilter(r.query("warehouse"), List.of(), Set.copyOf(r.queryAll("maturity")),
                r.query("artifact"), r.query("q"));
        return ApiResponse.ok(views.timeline(project(r), filter, r.intQuery("offset", 0, 0, Integer.MAX_VALUE),
                r.intQuery("limit", 50, 1, MAX_PAGE)));
    }

    private ApiResponse woke(ApiResponse response) {
        wake.run();
        return response;
    }

    /** The body's {@code freight}: a Freight's name or alias. */
    private static FreightSelector freight(ApiRequest request) {
        return optionalFreight(request).orElseThrow(() -> ApiException.badRequest(
                "the body must name the Freight: {\"freight\": \"NAME or ALIAS\"}"));
    }

    private static Optional<FreightSelector> optionalFreight(ApiRequest request) {
        if (request.body().isBlank()) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = ViewJson.mapper().readTree(request.body());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        JsonNode freight = body == null ? null : body.get("freight");
        if (freight == null || freight.isNull()) {
            return Optional.empty();
        }
        if (!freight.isTextual() || freight.asText().isBlank()) {
            throw ApiException.badRequest("\"freight\" must be a Freight's name or alias, as text");
        }
        return Optional.of(FreightSelector.byNameOrAlias(freight.asText().strip()));
    }
}
