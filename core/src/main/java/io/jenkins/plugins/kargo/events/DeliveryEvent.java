package io.jenkins.plugins.kargo.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Something in a stage's delivery that people may want to hear about (notifications, the Jenkins build log).
 *
 * @param freight      the Freight concerned, by name; empty when none
 * @param freightAlias its alias; empty when none
 * @param subject      the promotion or verification the event is about, by name; empty when none
 * @param actor        who caused it ({@code kargo-controller} for automation)
 * @param message      a sentence for people (why it failed, what it waits for); never a secret
 */
public record DeliveryEvent(Type type, String project, String stage, String freight, String freightAlias,
                            String subject, String actor, String message, Instant at) {

    public enum Type {
        PROMOTION_SUCCEEDED,
        PROMOTION_FAILED,
        VERIFICATION_SUCCEEDED,
        VERIFICATION_FAILED,
        APPROVAL_NEEDED,
        ROLLBACK
    }

    public DeliveryEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        freight = Objects.requireNonNullElse(freight, "");
        freightAlias = Objects.requireNonNullElse(freightAlias, "");
        subject = Objects.requireNonNullElse(subject, "");
        actor = Objects.requireNonNullElse(actor, "");
        message = Objects.requireNonNullElse(message, "");
    }
}
