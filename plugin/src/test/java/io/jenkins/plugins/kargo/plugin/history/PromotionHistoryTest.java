package io.jenkins.plugins.kargo.plugin.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The promotions of a stage read across a job's builds, as rollback and the Freight view use them. */
class PromotionHistoryTest {

    private static PromotionAction promotion(String project, String stage, String freight,
                                             PromotionAction.Result result) {
        PromotionAction a = new PromotionAction(project, stage, stage + "." + freight, freight, freight + "-alias",
                Map.of("repo", freight), null);
        a.settle(result, null, List.of(), null);
        return a;
    }

    @Test
    void newestFirstAcrossBuildsSkippingTheAskingBuildAndOtherStages() {
        List<PromotionHistory.Build> builds = List.of(
                new PromotionHistory.Build(14, "job/d/14/", List.of(promotion("myapp", "dev", "f14",
                        PromotionAction.Result.RUNNING))),
                new PromotionHistory.Build(13, "job/d/13/", List.of(
                        promotion("myapp", "dev", "f13a", PromotionAction.Result.SUCCEEDED),
                        promotion("myapp", "staging", "f13s", PromotionAction.Result.SUCCEEDED),
                        promotion("myapp", "dev", "f13b", PromotionAction.Result.FAILED))),
                new PromotionHistory.Build(12, "job/d/12/", List.of()),
                new PromotionHistory.Build(11, "job/d/11/", List.of(
                        promotion("other", "dev", "x", PromotionAction.Result.SUCCEEDED),
                        promotion("myapp", "dev", "f11", PromotionAction.Result.SUCCEEDED))));

        List<PastPromotion> past = PromotionHistory.of(builds, "myapp", "dev", 14);

        assertThat(past).extracting(PastPromotion::freight).containsExactly("f13b", "f13a", "f11");
        assertThat(past).extracting(PastPromotion::build).containsExactly(13, 13, 11);
        assertThat(past.get(0).succeeded()).isFalse();
        assertThat(past.get(1).succeeded()).isTrue();
        assertThat(past.get(2).buildUrl()).isEqualTo("job/d/11/");
        assertThat(past.get(2).versions()).containsEntry("repo", "f11");
    }

    @Test
    void aPromotionActionRecordsHowItEnded() {
        PromotionAction a = new PromotionAction("myapp", "uat", "uat.01", "f1", "icy-sparrow", Map.of("r", "v1"), 7);
        assertThat(a.getResult()).isEqualTo(PromotionAction.Result.RUNNING);
        a.approvedBy("admin");
        a.settle(PromotionAction.Result.SUCCEEDED, "Successful", List.of("git-push: pushed 0a1b2c3 to main"), null);
        assertThat(a.getApprovedBy()).isEqualTo("admin");
        assertThat(a.getSteps()).containsExactly("git-push: pushed 0a1b2c3 to main");
        assertThat(a.getRolledBackFrom()).isEqualTo(7);
        assertThat(a.getDisplayName()).isEqualTo("Kargo promotion into uat");
        assertThat(a.getIconFileName()).as("shown in the build's summary, not the side panel").isNull();
    }
}
