package io.jenkins.plugins.kargo.plugin.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.plugin.history.PastPromotion;
import io.jenkins.plugins.kargo.plugin.history.PromotionAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which promotion of a job's history a rollback repeats. */
class RollbackTargetTest {

    private static PastPromotion past(int build, String freight, PromotionAction.Result result) {
        return new PastPromotion(build, "job/d/" + build + "/", "myapp", "production", freight, freight + "-alias",
                Map.of(), result);
    }

    @Test
    void theNewestSuccessfulPromotionOfAnotherFreightThanTheStagesNow() {
        List<PastPromotion> history = List.of(past(14, "f3", PromotionAction.Result.FAILED),
                past(13, "f2", PromotionAction.Result.SUCCEEDED), past(12, "f2", PromotionAction.Result.SUCCEEDED),
                past(11, "f1", PromotionAction.Result.SUCCEEDED));

        assertThat(EngineDelivery.rollbackTarget(history, Optional.of("f2"))).as("f1, from build 11").isEqualTo(3);
        assertThat(EngineDelivery.rollbackTarget(history, Optional.of("f9"))).as("the stage moved elsewhere")
                .isEqualTo(1);
        assertThat(EngineDelivery.rollbackTarget(history, Optional.empty())).isEqualTo(1);
        assertThat(EngineDelivery.rollbackTarget(List.of(past(3, "f1", PromotionAction.Result.SUCCEEDED)),
                Optional.of("f1"))).as("nothing else to go back to").isEqualTo(-1);
    }
}
