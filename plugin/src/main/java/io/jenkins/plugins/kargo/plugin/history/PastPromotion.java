package io.jenkins.plugins.kargo.plugin.history;

import java.util.Map;

/**
 * A promotion recorded by an earlier build of a job, as the history lists it.
 *
 * @param build    the build's number
 * @param buildUrl the build's URL relative to Jenkins' root ({@code job/deliver/12/})
 */
public record PastPromotion(int build, String buildUrl, String project, String stage, String freight,
                            String freightAlias, Map<String, String> versions, PromotionAction.Result result) {

    public PastPromotion {
        versions = Map.copyOf(versions);
    }

    public boolean succeeded() {
        return result == PromotionAction.Result.SUCCEEDED;
    }
}
