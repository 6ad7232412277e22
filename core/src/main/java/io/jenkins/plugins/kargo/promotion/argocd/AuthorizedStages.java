package io.jenkins.plugins.kargo.promotion.argocd;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages an Argo CD Application lets Kargo change, from its {@value #ANNOTATION} annotation: a comma-separated
 * list of {@code <project>:<stage>} (Kargo's {@code api.AuthorizedStages}). Globs were deprecated by Kargo and are
 * refused.
 */
public record AuthorizedStages(List<Stage> stages) {

    public static final String ANNOTATION = "kargo.akuity.io/authorized-stage";

    /** One {@code <project>:<stage>} entry. */
    public record Stage(String project, String stage) {

        @Override
        public String toString() {
            return project + ":" + stage;
        }
    }

    public AuthorizedStages {
        stages = List.copyOf(stages);
    }

    /**
     * @throws IllegalArgumentException when an entry is not {@code <project>:<stage>}, holds a glob, or there is none
     */
    public static AuthorizedStages parse(String value) {
        List<Stage> stages = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            entry = entry.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String project = colon < 0 ? "" : entry.substring(0, colon).strip();
            String stage = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (project.isEmpty() || stage.isEmpty()) {
                throw new IllegalArgumentException("'" + entry + "' is not <project>:<stage>");
            }
            if (entry.contains("*")) {
                throw new IllegalArgumentException("'" + entry
                        + "' is a glob, which Kargo no longer supports; name each stage as <project>:<stage>");
            }
            stages.add(new Stage(project, stage));
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("it names no <project>:<stage>");
        }
        return new AuthorizedStages(stages);
    }

    public boolean permits(String project, String stage) {
        return stages.contains(new Stage(project, stage));
    }
}
