package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.api.MetricProvider;

/**
 * Takes one measurement of a metric (Argo Rollouts' metric providers): returns the value the metric's
 * {@code successCondition} / {@code failureCondition} see as {@code result}. One implementation per provider kind.
 * The provider's strings still hold {@code {{ args.NAME }}}; {@link AnalysisArgs#render} fills them in.
 *
 * @param <P> the provider configuration this implementation reads
 */
public interface MeasurementProvider<P extends MetricProvider> {

    /**
     * @throws MeasurementException when no value could be obtained (the measurement is an Error, retried as Argo
     *                              Rollouts does); the message names the metric's target and why, never a secret
     */
    Object measure(P provider, MeasurementContext context) throws MeasurementException, InterruptedException;
}
