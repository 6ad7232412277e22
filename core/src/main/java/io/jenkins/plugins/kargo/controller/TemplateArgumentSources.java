package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.SecretValue;
import io.jenkins.plugins.kargo.credentials.SecretStore;
import io.jenkins.plugins.kargo.verification.ArgumentSources;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.VerificationArgs;
import io.jenkins.plugins.kargo.verification.VerificationRef;
import java.util.Map;

/**
 * The engine's {@code valueFrom}: {@code secretKeyRef} from the project's Secrets in the credentials store (as Argo
 * Rollouts reads them from the AnalysisRun's namespace), {@code fieldRef} from the Rollout the arguments name.
 */
final class TemplateArgumentSources implements ArgumentSources {

    private final SecretStore secrets;
    private final VerificationArgs rollouts;

    TemplateArgumentSources(SecretStore secrets, VerificationArgs rollouts) {
        this.secrets = secrets;
        this.rollouts = rollouts;
    }

    @Override
    public String value(VerificationRef verification, AnalysisTemplate.ValueFrom from, Map<String, String> args)
            throws MeasurementException, InterruptedException {
        if (from instanceof AnalysisTemplate.SecretKeyRef ref) {
            var secret = secrets.secret(verification.project(), ref.name()).orElseThrow(() ->
                    new MeasurementException("secretKeyRef: project " + verification.project() + " has no Secret '"
                            + ref.name() + "'; apply it with the project directory"));
            return secret.value(ref.key()).map(SecretValue::reveal).orElseThrow(() -> new MeasurementException(
                    "secretKeyRef: key '" + ref.key() + "' does not exist in secret '" + ref.name() + "' (it has: "
                            + String.join(", ", secret.data().keySet().stream().sorted().toList()) + ")"));
        }
        return rollouts.fieldRef(verification.project(), verification.stage(), args,
                ((AnalysisTemplate.FieldRef) from).fieldPath());
    }
}
