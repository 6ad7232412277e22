package io.jenkins.plugins.kargo.verification.job;

import io.jenkins.plugins.kargo.verification.AnalysisPhase;
import io.jenkins.plugins.kargo.verification.AssessedResult;
import java.util.Map;

/**
 * How one measurement's Kubernetes Job ended. As in Argo Rollouts' job provider, the measurement is Successful when
 * {@link #succeeded()} and Failed otherwise, whatever the metric's conditions say; {@link #asResult()} is what
 * conditions see as {@code result} if a runner evaluates them anyway.
 *
 * @param namespace    where the Job ran
 * @param job          the Job's name
 * @param succeeded    the Job reached its {@code Complete} condition (false: its {@code Failed} condition)
 * @param reason       the finishing condition's reason and message, e.g. {@code BackoffLimitExceeded: ...}
 * @param log          the log of the Job's newest pod, at most the provider's log limit; empty if none could be read
 * @param logTruncated the log was cut at the limit
 */
public record JobOutcome(String namespace, String job, boolean succeeded, String reason, String log,
                         boolean logTruncated) implements AssessedResult {

    @Override
    public AnalysisPhase assessedPhase() {
        return succeeded ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.FAILED;
    }

    @Override
    public String assessedMessage() {
        return succeeded ? "" : "job " + namespace + "/" + job + " failed: " + reason;
    }

    /** What the measurement keeps: {@link #asResult()}. */
    @Override
    public Object value() {
        return asResult();
    }

    public String phase() {
        return succeeded ? "Succeeded" : "Failed";
    }

    /** {@code {job, namespace, phase, succeeded, failed, reason, log}} for condition expressions. */
    public Map<String, Object> asResult() {
        return Map.of("job", job, "namespace", namespace, "phase", phase(), "succeeded", succeeded,
                "failed", !succeeded, "reason", reason, "log", log);
    }
}
