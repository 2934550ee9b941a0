package org.optline.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.delivery.outbox.OutboxStore;
import org.optline.delivery.queue.SendQueueStore;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/**
 * What delivery holds about one subscriber of one client, for a legal disclosure: its entries in
 * the campaigns' send queues (state, attempts, the last server reply) and the messages the capture
 * outbox holds for its address, newest first, {@link #LIMIT} of each at most. Messages are listed
 * without their text: a message carries live links (unsubscribe, preferences, a confirmation)
 * that act for the person, which no third party should receive. Read in the client's own scope.
 */
@Service
public class DeliveryRecords {

    /** Entries of each kind at most. */
    public static final int LIMIT = 1000;

    private final SendQueueStore queue;
    private final OutboxStore outbox;
    private final TenantScope scope;

    DeliveryRecords(SendQueueStore queue, OutboxStore outbox, TenantScope scope) {
        this.queue = queue;
        this.outbox = outbox;
        this.scope = scope;
    }

    /**
     * {@code sendQueue} and {@code outbox}, each a list of field maps; without a subscriber (the
     * client holds only a suppression) the queue part is empty and the outbox is still read by address.
     */
    public Map<String, Object> heldAbout(UUID clientId, UUID subscriberId, String email) {
        return scope.inClient(clientId, () -> {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("sendQueue", (subscriberId == null ? List.<SendQueueStore.QueueEntry>of()
                    : queue.ofSubscriber(clientId, subscriberId, LIMIT)).stream().map(q -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("campaignId", q.campaignId().toString());
                m.put("state", q.state());
                m.put("attempts", q.attempts());
                m.put("firstAttemptAt", q.firstAttemptAt() == null ? null : q.firstAttemptAt().toString());
                m.put("lastReply", q.lastReply());
                m.put("updatedAt", q.updatedAt().toString());
                return m;
            }).toList());
            all.put("outbox", outbox.toRecipient(clientId, email, LIMIT).stream().map(o -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", o.id().toString());
                m.put("kind", o.kind());
                m.put("campaignId", o.campaignId() == null ? null : o.campaignId().toString());
                m.put("envelopeFrom", o.envelopeFrom());
                m.put("recipient", o.recipient());
                m.put("subject", o.subject());
                m.put("createdAt", o.createdAt().toString());
                return m;
            }).toList());
            return all;
        });
    }
}
