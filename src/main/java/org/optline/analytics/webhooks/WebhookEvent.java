package org.optline.analytics.webhooks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The event types an endpoint can ask for, by their wire names. */
enum WebhookEvent {
    DELIVERED, BOUNCED, OPENED, CLICKED, UNSUBSCRIBED, COMPLAINED, SUBSCRIBED;

    /** The type of the event {@code POST /api/v1/webhooks/{id}/test} sends; no endpoint subscribes to it. */
    static final String TEST = "test";

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<WebhookEvent> fromWire(String value) {
        return Arrays.stream(values()).filter(e -> e.wireName().equals(value)).findFirst();
    }

    static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(WebhookEvent::wireName).toList());
    }
}
