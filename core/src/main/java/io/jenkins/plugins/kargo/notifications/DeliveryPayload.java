package io.jenkins.plugins.kargo.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import java.util.stream.Collectors;

/** What a webhook receives for a {@link DeliveryEvent}: a Slack message, or the event itself as JSON. */
final class DeliveryPayload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHORT_NAME = 7;

    private DeliveryPayload() {
    }

    /**
     * {@code {"text": ...}}, the one field every Slack-compatible receiver (Slack, Mattermost, Rocket.Chat) reads:
     * <pre>:x: *Verification failed* in `myapp/preprod`: freight wise-otter (3f2c1a9) by kargo-controller
     * error rate 0.07 is above 0.05</pre>
     */
    static String slack(DeliveryEvent event) {
        StringBuilder text = new StringBuilder(headline(event.type())).append(" in `")
                .append(escape(event.project())).append('/').append(escape(event.stage())).append('`');
        if (!event.freight().isEmpty()) {
            String names = names(event);
            String aliases = aliases(event);
            String shortName = names.substring(0, Math.min(SHORT_NAME, names.length()));
            text.append(": freight ").append(aliases.isEmpty() ? "" : escape(aliases) + " ")
                    .append('(').append(escape(shortName)).append(')');
        }
        if (!event.actor().isEmpty()) {
            text.append(" by ").append(escape(event.actor()));
        }
        if (!event.message().isEmpty()) {
            text.append('\n').append(escape(event.message()));
        }
        return JSON.createObjectNode().put("text", text.toString()).toString();
    }

    /**
     * The event with stable field names: {@code type, project, stage, freight, freightAlias, subject, actor,
     * message} and {@code at} (ISO-8601, UTC); absent values are empty strings.
     */
    static String json(DeliveryEvent event) {
        return jsonNode(event).toString();
    }

    /** The Freight's names, comma-joined as the payloads have always carried them. */
    private static String names(DeliveryEvent event) {
        return event.freight().stream().map(DeliveryEvent.Freight::name).collect(Collectors.joining(","));
    }

    /** The Freight's aliases, comma-joined; empty when none is known. */
    private static String aliases(DeliveryEvent event) {
        return event.freight().stream().map(DeliveryEvent.Freight::alias).filter(a -> !a.isEmpty())
                .collect(Collectors.joining(","));
    }

    private static ObjectNode jsonNode(DeliveryEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("type", event.type().name())
                .put("project", event.project())
                .put("stage", event.stage())
                .put("freight", names(event))
                .put("freightAlias", aliases(event))
                .put("subject", event.subject())
                .put("actor", event.actor())
                .put("message", event.message())
                .put("at", event.at().toString());
        return node;
    }

    private static String headline(DeliveryEvent.Type type) {
        return switch (type) {
            case PROMOTION_SUCCEEDED -> ":white_check_mark: *Promotion succeeded*";
            case PROMOTION_FAILED -> ":x: *Promotion failed*";
            case VERIFICATION_SUCCEEDED -> ":white_check_mark: *Verification succeeded*";
            case VERIFICATION_FAILED -> ":x: *Verification failed*";
            case APPROVAL_NEEDED -> ":raised_hand: *Approval needed*";
            case ROLLBACK -> ":rewind: *Rolled back*";
        };
    }

    /** Slack's control characters in text: a message such as "p95 > 2s" must not become a link or a mention. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
