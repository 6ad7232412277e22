package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.events.EventSink;
import java.util.List;
import java.util.Map;

/**
 * One verification to run: the stage's templates, run together as one analysis (as Kargo builds one AnalysisRun),
 * and the stage's arguments.
 *
 * @param args the stage's verification args by name, their {@code ${{ }}} expressions already evaluated; they
 *             override the templates' defaults (see {@link AnalysisArgs#merge})
 */
public record AnalysisRequest(VerificationRef verification, List<AnalysisTemplate> templates,
                              Map<String, String> args, EventSink log, ArgumentSources sources) {

    public AnalysisRequest {
        templates = List.copyOf(templates);
        args = Map.copyOf(args);
    }

    /** A request whose templates read no {@code valueFrom}. */
    public AnalysisRequest(VerificationRef verification, List<AnalysisTemplate> templates, Map<String, String> args,
                           EventSink log) {
        this(verification, templates, args, log, ArgumentSources.NONE);
    }
}
