package io.jenkins.plugins.kargo.plugin.gate;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What a gate asks and of whom.
 *
 * @param id         the input's id: a URL segment of the build ({@code input/<id>/proceedEmpty})
 * @param message    the question shown to people
 * @param submitters the Jenkins user ids or group names who may decide; empty: anyone who may build the job
 * @param signOff    the decision is a verification's sign-off (the Freight is already in the stage), not whether to
 *                   promote at all
 */
public record GateRequest(String id, String message, List<String> submitters, boolean signOff)
        implements Serializable {

    public GateRequest {
        submitters = List.copyOf(submitters);
    }

    /**
     * The gate of a stage: one id per stage, upper-case first as the input step would make it (it capitalises an
     * id), with characters outside the input step's URL-safe set replaced, so the id a view links to is the input's.
     */
    public static String idFor(String project, String stage) {
        String raw = "Kargo-" + project + "-" + stage;
        StringBuilder id = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            id.append(Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0 ? c : '_');
        }
        return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    /** The input step's {@code submitter}: comma-separated, or null for "anyone who may build the job". */
    public String submitter() {
        return submitters.isEmpty() ? null : String.join(",", submitters);
    }
}
