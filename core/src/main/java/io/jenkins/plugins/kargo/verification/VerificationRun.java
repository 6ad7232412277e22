package io.jenkins.plugins.kargo.verification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a stage's verification over the Freight collection the stage holds (Kargo's {@code VerificationInfo}
 * with its AnalysisRun's results).
 *
 * @param name           {@code <stage>.<ULID>.<first 7 of the collection id>}, as a promotion's
 * @param collection     the Freight collection's id
 * @param freight        the collection's Freight names by origin
 * @param promotion      the promotion that brought the collection in; empty for a re-verification
 * @param actor          who asked: the promotion's actor after a promotion, else who asked to re-verify
 * @param attempts       how many times a worker started it (above 1 after a crash recovery)
 * @param abortRequested who asked to abort it while it ran; empty if nobody
 * @param metrics        every metric with every measurement, once it has ended
 * @param decision       the human decision an approval metric waits for, once given
 */
public record VerificationRun(String name, String stage, String collection, Map<String, String> freight,
                              String promotion, String actor, VerificationPhase phase, String message,
                              Instant createdAt, Instant startedAt, Instant finishedAt, int attempts,
                              String abortRequested, List<MetricResult> metrics, Optional<VerificationDecision> decision) {

    public VerificationRun {
        freight = Map.copyOf(freight);
        message = message == null ? "" : message;
        abortRequested = abortRequested == null ? "" : abortRequested;
        metrics = List.copyOf(metrics);
    }

    public VerificationRun started(Instant at) {
        return new VerificationRun(name, stage, collection, freight, promotion, actor, VerificationPhase.Running,
                message, createdAt, at, null, attempts + 1, abortRequested, List.of(), decision);
    }

    public VerificationRun abortRequestedBy(String by) {
        return new VerificationRun(name, stage, collection, freight, promotion, actor, phase, message, createdAt,
                startedAt, finishedAt, attempts, by, metrics, decision);
    }

    public VerificationRun decided(VerificationDecision given) {
        return new VerificationRun(name, stage, collection, freight, promotion, actor, phase, message, createdAt,
                startedAt, finishedAt, attempts, abortRequested, metrics, Optional.of(given));
    }

    public VerificationRun ended(VerificationPhase end, String why, Instant at, List<MetricResult> results) {
        return new VerificationRun(name, stage, collection, freight, promotion, actor, end, why, createdAt, startedAt,
                at, attempts, abortRequested, results, decision);
    }
}
