package org.optline.analytics.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.audience.SubscriberUnsubscribed;
import org.optline.audience.SubscriptionsStarted;
import org.optline.delivery.MessagesSettled;
import org.optline.inbound.BounceReceived;
import org.optline.inbound.ComplaintReceived;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEventsListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what other modules report into webhook events, synchronously and in the reporting
 * transaction, so each outbox row commits (or rolls back) with its cause: deliveries and bounces
 * from delivery's settlement, bounces (DSNs) and complaints (feedback reports) from inbound mail,
 * subscriptions and unsubscribes from audience, human opens and clicks from tracking. Machine opens
 * and clicks (proxies, scanners) are not sent.
 */
@Component
class WebhookSources implements TrackedEventsListener {

    private final WebhookOutbox outbox;

    WebhookSources(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(MessagesSettled settled) {
        outbox.add(settled.clientId(), WebhookEvent.DELIVERED, settled.delivered(), r -> recipient(settled, r));
        outbox.add(settled.clientId(), WebhookEvent.BOUNCED, settled.bounced(), r -> recipient(settled, r));
    }

    /** One event per bounce report received: webhooks tell what happened, the report counts people. */
    @EventListener
    void on(BounceReceived bounce) {
        outbox.add(bounce.clientId(), WebhookEvent.BOUNCED, List.of(bounce), b -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("campaignId", b.campaignId() == null ? null : b.campaignId().toString());
            data.put("subscriberId", b.subscriberId() == null ? null : b.subscriberId().toString());
            data.put("email", b.email());
            data.put("hard", b.hard());
            data.put("source", "dsn");
            data.put("status", b.status());
            data.put("reply", b.diagnostic());
            return new WebhookOutbox.Event(b.at().toInstant(), data);
        });
    }

    @EventListener
    void on(ComplaintReceived complaint) {
        outbox.add(complaint.clientId(), WebhookEvent.COMPLAINED, List.of(complaint), c -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("campaignId", c.campaignId() == null ? null : c.campaignId().toString());
            data.put("subscriberId", c.subscriberId() == null ? null : c.subscriberId().toString());
            data.put("email", c.email());
            data.put("feedbackType", c.feedbackType());
            data.put("userAgent", c.userAgent());
            return new WebhookOutbox.Event(c.at().toInstant(), data);
        });
    }

    @EventListener
    void on(SubscriptionsStarted started) {
        outbox.add(started.clientId(), WebhookEvent.SUBSCRIBED, started.subscribers(), s -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subscriberId", s.subscriberId().toString());
            data.put("email", s.email());
            data.put("listId", started.listId().toString());
            data.put("source", started.source());
            return new WebhookOutbox.Event(started.at().toInstant(), data);
        });
    }

    @EventListener
    void on(SubscriberUnsubscribed left) {
        outbox.add(left.clientId(), WebhookEvent.UNSUBSCRIBED, List.of(left), l -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subscriberId", l.subscriberId().toString());
            data.put("email", l.email());
            data.put("listId", l.listId() == null ? null : l.listId().toString());
            data.put("source", l.source());
            return new WebhookOutbox.Event(l.at().toInstant(), data);
        });
    }

    /** A group of stored hits, possibly of several clients: one insert per client and kind. */
    @Override
    public void stored(List<TrackedEvent> events) {
        Map<UUID, List<TrackedEvent>> byClient = events.stream().filter(e -> e.source().human())
                .collect(Collectors.groupingBy(TrackedEvent::clientId, LinkedHashMap::new, Collectors.toList()));
        byClient.forEach((clientId, hits) -> {
            outbox.add(clientId, WebhookEvent.OPENED, hits.stream().filter(e -> e.kind() == TrackedEvent.Kind.OPEN).toList(),
                    WebhookSources::hit);
            outbox.add(clientId, WebhookEvent.CLICKED, hits.stream().filter(e -> e.kind() == TrackedEvent.Kind.CLICK).toList(),
                    WebhookSources::hit);
        });
    }

    /** A delivery, or a refusal at send time (a hard bounce: its {@code source} is {@code send}). */
    private static WebhookOutbox.Event recipient(MessagesSettled settled, MessagesSettled.Recipient r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", settled.campaignId().toString());
        data.put("subscriberId", r.subscriberId().toString());
        data.put("email", r.email());
        if (r.reply() != null) {
            data.put("hard", true);
            data.put("source", "send");
            data.put("reply", r.reply());
        }
        return new WebhookOutbox.Event(settled.at().toInstant(), data);
    }

    /** An open or click; the subscriber is null when the installation tracks anonymously. */
    private static WebhookOutbox.Event hit(TrackedEvent e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", e.campaignId().toString());
        data.put("subscriberId", e.subscriberId() == null ? null : e.subscriberId().toString());
        if (e.kind() == TrackedEvent.Kind.CLICK) {
            data.put("link", e.link());
        }
        return new WebhookOutbox.Event(e.at(), data);
    }
}
