package io.jenkins.plugins.kargo.plugin.builders;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.plugin.gate.GateDecision;
import io.jenkins.plugins.kargo.plugin.gate.GateRequest;
import io.jenkins.plugins.kargo.plugin.testing.FakeStepContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A freestyle build cannot wait on an input: what it refuses, and how it says what to do instead. */
class StarterGateTest {

    private final List<String> decisions = new ArrayList<>();

    private final GateDecision decision = new GateDecision() {
        @Override
        public void approved(String approver) {
            decisions.add("approved " + approver);
        }

        @Override
        public void rejected(String rejectedBy, Throwable cause) {
            decisions.add("rejected: " + cause.getMessage());
        }
    };

    @Test
    void aBuildNobodyStartedByHandCannotPassAManualStage() throws Exception {
        StarterGate.BUILD_STARTER.open(new FakeStepContext(), new GateRequest("Kargo-myapp-uat",
                "Promote Freight icy-sparrow into stage uat of project myapp?", List.of("admin"), false), decision);

        assertThat(decisions).singleElement().asString().contains("rejected", "have one of admin start it by hand",
                "use kargoPromote in a Pipeline");
    }

    @Test
    void aSignOffIsNeverGivenByStartingTheBuild() throws Exception {
        StarterGate.BUILD_STARTER.open(new FakeStepContext(), new GateRequest("Kargo-myapp-uat", "Sign off?",
                List.of(), true), decision);

        assertThat(decisions).singleElement().asString().contains("rejected", "in the Freight view",
                "kargo approve");
    }
}
