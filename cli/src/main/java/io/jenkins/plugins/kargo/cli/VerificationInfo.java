package io.jenkins.plugins.kargo.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.time.Instant;

/**
 * A verification as JSON in the shape of Kargo's {@code VerificationInfo} (which Kargo keeps in a Stage's
 * {@code status.freightHistory[].verificationHistory}; it is no resource of its own): {@code id}, {@code actor},
 * {@code startTime}, {@code phase}, {@code message}, {@code analysisRun} and {@code finishTime}, empty fields left out
 * as Kargo leaves them out. As there is no stage around it here, it also names its {@code stage}, {@code freight}
 * and {@code promotion}, and carries what Kargo leaves in the Argo Rollouts AnalysisRun: {@code metrics} with every
 * measurement, and the {@code decision} of a person.
 */
final class VerificationInfo {

    private VerificationInfo() {
    }

    static ObjectNode of(String project, VerificationRun run) {
        ObjectNode info = Printer.JSON.createObjectNode().put("id", run.name())
                // Kargo's actor is who started it or, once someone asked to abort it, who did
                .put("actor", run.abortRequested().isEmpty() ? run.actor() : run.abortRequested());
        time(info, "startTime", run.startedAt());
        info.put("phase", run.phase().name());
        if (!run.message().isEmpty()) {
            info.put("message", run.message());
        }
        if (ranAnalysis(run)) {
            info.putObject("analysisRun").put("namespace", project).put("name", run.name())
                    .put("phase", run.phase().name());
        }
        time(info, "finishTime", run.finishedAt());
        info.put("stage", run.stage());
        info.set("freight", GetCommand.RECORDS.valueToTree(run.freight()));
        if (!run.promotion().isEmpty()) {
            info.put("promotion", run.promotion());
        }
        run.decision().ifPresent(d -> info.set("decision", GetCommand.RECORDS.valueToTree(d)));
        info.set("metrics", GetCommand.RECORDS.valueToTree(run.metrics()));
        return info;
    }

    /**
     * Whether its analysis ran (or runs): not when it was aborted before it started or ended before any metric was
     * measured (a template not found, arguments that do not resolve), as Kargo has no AnalysisRun when none could be
     * launched.
     */
    private static boolean ranAnalysis(VerificationRun run) {
        return run.startedAt() != null && (!run.phase().isTerminal() || !run.metrics().isEmpty())
                && run.phase() != VerificationPhase.Aborted;
    }

    private static void time(ObjectNode node, String field, Instant at) {
        if (at != null) {
            node.put(field, at.toString());
        }
    }
}
