package org.optline.analytics.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A client's webhook endpoint: where events go and which types it asked for (wire names). Its secret is never part of it. */
public record WebhookEndpoint(UUID id, String url, List<String> events, OffsetDateTime createdAt) {

    /** An endpoint just created, with its signing secret: the one time the secret is shown. */
    public record Created(WebhookEndpoint endpoint, String secret) {}
}
