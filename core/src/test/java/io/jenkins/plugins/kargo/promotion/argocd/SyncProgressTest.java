package io.jenkins.plugins.kargo.promotion.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.kargo.promotion.argocd.SyncProgress.Next;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision table of {@link SyncProgress}, on Application bodies as Argo CD writes them. */
class SyncProgressTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String OURS = "{info: [{name: kargo.akuity.io/promotion, value: dev.01abc}]}";
    private static final DesiredSources AT_ABC = new DesiredSources(List.of(), List.of(Optional.of("abc")));

    @Test
    void syncsWhenThereIsNoOperationOrTheLastOneWasSomeoneElses() {
        assertThat(progress("status: {health: {status: Healthy}}").next()).isEqualTo(Next.SYNC);
        assertThat(progress("""
                status: {operationState: {phase: Succeeded, operation: {initiatedBy: {username: admin}}}}
                """)).isEqualTo(new SyncProgress(Next.SYNC, "last operation was initiated by admin"));
        assertThat(progress("""
                status: {operationState: {phase: Failed, operation: {info: [{name: kargo.akuity.io/promotion, value: dev.00old}]}}}
                """).reason()).isEqualTo("last operation was for promotion dev.00old");
    }

    @Test
    void waitsForRunningAndPendingOperations() {
        assertThat(progress("""
                status: {operationState: {phase: Running, operation: {initiatedBy: {username: admin}}}}
                """)).isEqualTo(new SyncProgress(Next.WAIT,
                "operation Running initiated by admin: waiting for it to finish before syncing"));
        assertThat(progress("operation: " + OURS)).isEqualTo(
                new SyncProgress(Next.WAIT, "sync requested, not started by Argo CD yet"));
        assertThat(progress("""
                operation: {initiatedBy: {username: admin}}
                status: {operationState: {phase: Succeeded, operation: %s}}
                """.formatted(OURS)).reason()).isEqualTo("a sync initiated by admin is pending: waiting for it before syncing");
        assertThat(progress("status: {operationState: {phase: Terminating, operation: %s}}".formatted(OURS)).next())
                .isEqualTo(Next.WAIT);
    }

    @Test
    void ourFailedOperationFails() {
        assertThat(progress("""
                status: {operationState: {phase: Error, message: "rpc error: repository not found", operation: %s}}
                """.formatted(OURS))).isEqualTo(
                new SyncProgress(Next.FAILED, "Argo CD operation Error: rpc error: repository not found"));
    }

    @Test
    void resyncsWhenTheSyncAppliedAnotherRevisionOrNone() {
        assertThat(progress("""
                status: {operationState: {phase: Succeeded, operation: %s, syncResult: {revision: old}}}
                """.formatted(OURS)).next()).isEqualTo(Next.SYNC);
        assertThat(progress("""
                status: {operationState: {phase: Succeeded, operation: %s}}
                """.formatted(OURS)).reason()).isEqualTo("operation completed without a sync result");
    }

    @Test
    void isDoneOnlyWhenRefreshedSyncedAndHealthyAtTheDesiredRevision() {
        String done = """
                status:
                  operationState: {phase: Succeeded, operation: %s, syncResult: {revision: abc}, finishedAt: "2026-01-01T10:00:00Z"}
                  sync: {status: Synced, revision: abc}
                  health: {status: Healthy}
                  reconciledAt: "%s"
                """;
        assertThat(progress(done.formatted(OURS, "2026-01-01T10:00:00Z")).next()).isEqualTo(Next.DONE);
        assertThat(progress(done.formatted(OURS, "2026-01-01T09:59:00Z")).reason())
                .isEqualTo("Argo CD has not refreshed the Application since the sync finished");
        assertThat(progress(done.replace("status: Synced, revision: abc", "status: Synced, revision: old")
                .formatted(OURS, "2026-01-01T10:00:00Z")).next()).isEqualTo(Next.WAIT);
        assertThat(progress(done.replace("Synced", "OutOfSync").formatted(OURS, "2026-01-01T10:00:00Z")).next())
                .isEqualTo(Next.WAIT);
        assertThat(progress(done.replace("Healthy", "Progressing").formatted(OURS, "2026-01-01T10:00:00Z")))
                .extracting(SyncProgress::next, SyncProgress::reason)
                .containsExactly(Next.WAIT, "operation Succeeded, sync Synced at abc, health Progressing");
    }

    private static SyncProgress progress(String yaml) {
        try {
            var body = YAML.readTree(yaml);
            return SyncProgress.of(new ArgoCdApplication("argocd", "guestbook", "uid-1", Map.of(), body), "dev.01abc", AT_ABC);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
