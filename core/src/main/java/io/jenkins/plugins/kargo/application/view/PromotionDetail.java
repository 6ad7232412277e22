package io.jenkins.plugins.kargo.application.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A promotion: what it put where, who asked, how far it got (its step log), and the verification it queued.
 *
 * @param phase        Kargo's phase: Pending, Running, Succeeded, Failed, Errored, Aborted
 * @param verification the verification its success queued, by name; empty when none (yet)
 */
public record PromotionDetail(String project, String name, String stage, FreightRef freight, String actor,
                              String phase, String message, Instant createdAt, Instant startedAt, Instant finishedAt,
                              boolean abortRequested, List<StepLine> steps, Optional<String> verification) {

    public PromotionDetail {
        steps = List.copyOf(steps);
    }

    /** Whether it has ended (Succeeded, Failed, Errored or Aborted). */
    public boolean ended() {
        return !phase.equals("Pending") && !phase.equals("Running");
    }

    public boolean succeeded() {
        return phase.equals("Succeeded");
    }

    /** The step that made it fail: the last Failed or Errored step's alias; empty when none did. */
    public String failedStep() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).status().equals("Failed") || steps.get(i).status().equals("Errored")) {
                return steps.get(i).alias();
            }
        }
        return "";
    }
}
