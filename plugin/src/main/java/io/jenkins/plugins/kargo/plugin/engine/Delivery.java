package io.jenkins.plugins.kargo.plugin.engine;

import io.jenkins.plugins.kargo.plugin.credentials.SecretMask;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the plugin's steps and build steps ask of the engine, in their own words: the few calls they translate into
 * the application layer's commands and outcomes. One is opened per step execution with the build's credentials and
 * log, and closed when the step ends.
 */
public interface Delivery extends AutoCloseable {

    /**
     * Whether a person must let Freight into a stage, and who may.
     *
     * @param approvers Jenkins user ids or group names; empty: anyone who may build the job
     */
    record StageGate(boolean manual, List<String> approvers) {
        public StageGate {
            approvers = List.copyOf(approvers);
        }
    }

    /**
     * A promotion or verification the engine accepted.
     *
     * @param name     the promotion's or verification's name, by which its outcome is found again after a restart
     * @param versions the version of each artifact of the Freight, by repository
     */
    record Started(String name, String freight, String freightAlias, Map<String, String> versions)
            implements Serializable {
        public Started {
            versions = Map.copyOf(versions);
        }
    }

    /** Where a promotion (with the verification after it) or a re-verification has got to. */
    sealed interface Outcome {
        /**
         * @param verification the verification's phase and message, or null when the stage verifies nothing
         * @param steps        the promotion's step log, one "alias: message" line per step (what git-push pushed);
         *                     empty for a re-verification
         */
        record Succeeded(String verification, List<String> steps) implements Outcome {
            public Succeeded {
                steps = List.copyOf(steps);
            }
        }

        /** @param failedAt the failing step's alias or the failing metric */
        record Failed(String failedAt, String message, String verification) implements Outcome {
        }

        /** A verification waits for a person's decision on this Freight; not final. */
        record WaitingForDecision(String verification, List<String> approvers) implements Outcome {
        }

        /** @param message who aborted it and when, as the engine recorded it */
        record Aborted(String message) implements Outcome {
        }
    }

    /** A Freight a discovery made. */
    record FoundFreight(String warehouse, String name, String alias, Map<String, String> versions) {
        public FoundFreight {
            versions = Map.copyOf(versions);
        }
    }

    /**
     * What an apply stored.
     *
     * @param projects the projects stored, each replaced whole
     * @param warnings what the configuration should fix, each with its file, line and fix
     */
    record Applied(List<String> projects, List<String> warnings) {
        public Applied {
            projects = List.copyOf(projects);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Validates a directory (or file) of Kargo YAML and stores its projects.
     *
     * @throws IllegalArgumentException listing every problem with its file, line and fix; nothing is stored then
     */
    Applied apply(java.nio.file.Path configuration, String actor) throws Exception;

    /**
     * As {@link #apply}, from the path on the branch of a git repository (the global configuration's project
     * source), read with that repository's credentials; problems name the file as {@code REPO@BRANCH:PATH}.
     */
    Applied apply(io.jenkins.plugins.kargo.plugin.config.GitProjectSource source, String actor) throws Exception;

    StageGate gate(String project, String stage) throws Exception;

    /**
     * Queues a promotion and has it run.
     *
     * @param freight a choice by name, alias or newest; never {@link FreightChoice.Kind#ROLLBACK}, which is
     *                {@link #rollback} once the step has chosen from the job's history
     */
    Started promote(String project, String stage, FreightChoice freight, String actor) throws Exception;

    /**
     * Queues a rollback of the stage to a Freight it held before, and has it run; the stage's auto-promotion is held
     * until someone releases it, as Kargo's rollback does.
     */
    Started rollback(String project, String stage, String freight, String actor) throws Exception;

    /** Queues a new verification of the stage's current Freight and has it run. */
    Started verify(String project, String stage, String actor) throws Exception;

    /**
     * Completes at the first settled state of the promotion (a final outcome or a wait for a decision); may be asked
     * for again by name at any time, as after a controller restart.
     */
    CompletableFuture<Outcome> promotion(String project, String promotion);

    /** As {@link #promotion}, for a re-verification. */
    CompletableFuture<Outcome> verification(String project, String verification);

    /** A person's decision on the stage's verification of the Freight that waits for one. */
    void decide(String project, String stage, String freight, boolean approved, String actor) throws Exception;

    /** Stops a promotion: now if it waits, before its next step if it runs. */
    void abortPromotion(String project, String promotion, String actor) throws Exception;

    /** Refreshes one warehouse (null: every warehouse of the project) and returns the Freight it made. */
    List<FoundFreight> discover(String project, String warehouse) throws Exception;

    /**
     * Which Freight a rollback takes of those the job's builds promoted into the stage successfully (newest first):
     * the engine's choice.
     *
     * @return its name; empty when none qualifies
     */
    Optional<String> rollbackTarget(String project, String stage, List<String> newestFirst) throws Exception;

    /** The secrets this delivery's credentials hold, to keep out of the build's log. */
    SecretMask mask();

    @Override
    void close();

    /** Opens a {@link Delivery} for a step's execution: serialisable, as the execution keeps it across restarts. */
    interface Source extends Serializable {
        Delivery open(org.jenkinsci.plugins.workflow.steps.StepContext context) throws Exception;
    }
}
