package io.jenkins.plugins.kargo.application.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.StageStatus;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The resources as Kargo shows them ({@code kargo get ... -o json|yaml}, the web API's raw view): Stage (with
 * {@code verificationHistory} and {@code lastVerification}), Freight, Warehouse, Promotion and Kargo's
 * {@code VerificationInfo}. The only place these renderings live.
 */
public final class KargoManifests {

    /**
     * Records (stage status, promotions, verifications) as JSON: times as ISO-8601 text, an empty Optional as null,
     * analysis phases in Argo Rollouts' spelling ({@code Successful}).
     */
    private static final ObjectMapper RECORDS = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KargoStore store;
    private final Views views;

    KargoManifests(KargoStore store, Views views) {
        this.store = store;
        this.views = views;
    }

    /** Every stage of the project, in the configuration's order. */
    public List<ObjectNode> stages(String project) throws ConfigException {
        KargoConfig config = views.configuration(project);
        return config.stages(project).stream().map(s -> stage(project, store.stages().status(project, s.name())))
                .toList();
    }

    /** The Freight the filter matches, oldest first. */
    public List<ObjectNode> freight(String project, FreightFilter filter) throws ConfigException {
        FreightManifest manifest = new FreightManifest(JSON);
        return views.freight(views.configuration(project), project, filter).stream()
                .map(f -> manifest.render(project, f)).toList();
    }

    /** The warehouses named (all when none is), with their last discovery. */
    public List<ObjectNode> warehouses(String project, List<String> names) throws ConfigException {
        WarehouseManifest manifest = new WarehouseManifest(JSON);
        return views.warehouses(views.configuration(project), project, names).stream().map(w -> manifest.render(
                project, w, store.warehouses().status(project, w.name()),
                store.warehouses().lastDiscovery(project, w.name()))).toList();
    }

    /** Promotions oldest first, of one stage or of all. */
    public List<ObjectNode> promotions(String project, Optional<String> stage) {
        List<Promotion> promotions = store.promotions().list(project, stage.orElse(null));
        return promotions.stream().map(p -> resource("Promotion", p.name(), p)).toList();
    }

    /** Verifications as Kargo's {@code VerificationInfo}, oldest first, stage by stage. */
    public List<ObjectNode> verifications(String project, Optional<String> stage) throws ConfigException {
        KargoConfig config = views.configuration(project);
        List<String> stages = stage.isPresent() ? List.of(Views.stage(config, project, stage.get()).name())
                : config.stages(project).stream().map(Stage::name).toList();
        return stages.stream().flatMap(s -> store.verifications().list(project, s).stream())
                .map(v -> verificationInfo(project, v)).toList();
    }

    private static ObjectNode resource(String kind, String name, Object status) {
        ObjectNode node = JSON.createObjectNode().put("kind", kind);
        node.putObject("metadata").put("name", name);
        node.set("status", RECORDS.valueToTree(status));
        return node;
    }

    /**
     * The stage's status, each Freight history entry with its verifications as Kargo's {@code verificationHistory}
     * (newest first, left out when none), and the newest verification as {@code lastVerification}.
     */
    private ObjectNode stage(String project, StageStatus status) {
        ObjectNode stage = resource("Stage", status.stage(), status);
        ObjectNode json = (ObjectNode) stage.get("status");
        List<VerificationRun> runs = new ArrayList<>(store.verifications().list(project, status.stage()));
        Collections.reverse(runs); // newest first, as Kargo's stacks
        for (int i = 0; i < status.history().size(); i++) {
            int entry = i;
            List<ObjectNode> verifications = runs.stream().filter(v -> entryOf(v, status.history()) == entry)
                    .map(v -> verificationInfo(project, v)).toList();
            if (!verifications.isEmpty()) {
                ((ObjectNode) json.get("history").get(i)).putArray("verificationHistory").addAll(verifications);
            }
        }
        json.set("lastVerification", runs.isEmpty() ? NullNode.getInstance() : verificationInfo(project, runs.get(0)));
        return stage;
    }

    /**
     * Which history entry (newest first) a verification is of: the newest promotion of its Freight collection made
     * before it was queued (a promotion queues its verification as it ends); -1 when that entry has left the history.
     */
    private static int entryOf(VerificationRun run, List<FreightHistoryEntry> history) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).id().equals(run.collection()) && !history.get(i).promotedAt().isAfter(run.createdAt())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A verification in the shape of Kargo's {@code VerificationInfo} (which Kargo keeps in a Stage's
     * {@code status.freightHistory[].verificationHistory}; it is no resource of its own): {@code id}, {@code actor},
     * {@code startTime}, {@code phase}, {@code message}, {@code analysisRun} and {@code finishTime}, empty fields left
     * out as Kargo leaves them out. As there is no stage around it here, it also names its {@code stage},
     * {@code freight} and {@code promotion}, and carries what Kargo leaves in the Argo Rollouts AnalysisRun:
     * {@code metrics} with every measurement, and the {@code decision} of a person.
     */
    private static ObjectNode verificationInfo(String project, VerificationRun run) {
        ObjectNode info = JSON.createObjectNode().put("id", run.name())
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
        info.set("freight", RECORDS.valueToTree(run.freight()));
        if (!run.promotion().isEmpty()) {
            info.put("promotion", run.promotion());
        }
        run.decision().ifPresent(d -> info.set("decision", RECORDS.valueToTree(d)));
        info.set("metrics", RECORDS.valueToTree(run.metrics()));
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
