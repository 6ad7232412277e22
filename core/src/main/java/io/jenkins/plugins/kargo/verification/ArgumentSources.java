package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import java.util.Map;

/**
 * Where a template argument's {@code valueFrom} is read when the stage gives the argument no value: a key of one of
 * the project's Secrets ({@code secretKeyRef}, from the credentials store), or a field of the Rollout the
 * verification reads ({@code fieldRef}).
 */
@FunctionalInterface
public interface ArgumentSources {

    /** Sources for analyses that have none (tests, engines without a credentials store). */
    ArgumentSources NONE = (verification, from, args) -> {
        throw new MeasurementException("valueFrom cannot be read here");
    };

    /**
     * @param args the arguments that have values so far (a {@code fieldRef} finds its Rollout by them)
     * @throws MeasurementException naming the Secret and key (never a value), or the field, when there is none
     */
    String value(VerificationRef verification, AnalysisTemplate.ValueFrom from, Map<String, String> args)
            throws MeasurementException, InterruptedException;
}
