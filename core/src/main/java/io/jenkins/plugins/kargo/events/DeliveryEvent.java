package io.jenkins.plugins.kargo.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something in a stage's delivery that people may want to hear about (notifications, the Jenkins build log, a live
 * page).
 *
 * @param freight the Freight concerned, one per origin of the stage's collection (a promotion names one); empty when
 *                none
 * @param subject the promotion or verification the event is about, by name; empty when none
 * @param actor   who caused it ({@code kargo-controller} for automation)
 * @param message a sentence for people (why it failed, what it waits for); never a secret
 */
public record DeliveryEvent(Type type, String project, String stage, List<Freight> freight, String subject,
                            String actor, String message, Instant at) {

    public enum Type {
        PROMOTION_SUCCEEDED,
        PROMOTION_FAILED,
        VERIFICATION_SUCCEEDED,
        VERIFICATION_FAILED,
        APPROVAL_NEEDED,
        ROLLBACK
    }

    /** A Freight by name and alias (the alias empty when the Freight is gone). */
    public record Freight(String name, String alias) {
        public Freight {
            Objects.requireNonNull(name, "name");
            alias = Objects.requireNonNullElse(alias, "");
        }
    }

    public DeliveryEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        freight = List.copyOf(freight);
        subject = Objects.requireNonNullElse(subject, "");
        actor = Objects.requireNonNullElse(actor, "");
        message = Objects.requireNonNullElse(message, "");
    }
}
