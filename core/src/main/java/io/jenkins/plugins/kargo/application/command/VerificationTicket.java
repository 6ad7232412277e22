package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.application.view.FreightRef;
import java.util.List;

/** A verification a command queued or decided: wait for it with {@code Outcomes.verification(project, name)}. */
public record VerificationTicket(String project, String name, String stage, List<FreightRef> freight) {

    public VerificationTicket {
        freight = List.copyOf(freight);
    }
}
