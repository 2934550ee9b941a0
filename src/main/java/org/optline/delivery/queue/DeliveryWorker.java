package org.optline.delivery.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.optline.audience.EmailAddress;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.audience.Suppressions;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.delivery.Outbox;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends campaigns through the capture transport, a batch at a time: fill the queue once per
 * campaign (set-based), claim a batch with a lease, drop anyone suppressed or no longer active at
 * that moment, render each message from the campaign's content compiled once, capture it with its
 * headers, and mark the batch sent, all in one transaction. A pause or cancel is seen before each
 * batch. A crash leaves a claimed batch whose lease runs out and is claimed again; since capture
 * and "sent" commit together, nobody is mailed twice and nobody is skipped.
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final SendQueueStore queue;
    private final Campaigns campaigns;
    private final Subscribers subscribers;
    private final Suppressions suppressions;
    private final SubscriberTokens tokens;
    private final Outbox outbox;
    private final org.optline.delivery.Verp verp;
    private final TenantScope scope;
    private final Clock clock;
    private final int batchSize;
    private final String baseUrl;
    private final AtomicBoolean busy = new AtomicBoolean();

    public DeliveryWorker(SendQueueStore queue, Campaigns campaigns, Subscribers subscribers, Suppressions suppressions,
                          SubscriberTokens tokens, Outbox outbox, org.optline.delivery.Verp verp, TenantScope scope, Clock clock,
                          @Value("${optline.delivery.batch-size:200}") int batchSize,
                          @Value("${optline.base-url:http://localhost:8080}") String baseUrl) {
        this.queue = queue;
        this.campaigns = campaigns;
        this.subscribers = subscribers;
        this.suppressions = suppressions;
        this.tokens = tokens;
        this.outbox = outbox;
        this.verp = verp;
        this.scope = scope;
        this.clock = clock;
        this.batchSize = batchSize;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Scheduled(fixedDelayString = "${optline.delivery.poll-ms:500}", initialDelayString = "${optline.delivery.poll-ms:500}")
    public void poll() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            campaigns.startDue();
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Delivery round failed: {}", e.getClass().getName());
        } finally {
            busy.set(false);
        }
    }

    /** One round over every campaign being sent; answers how many messages were captured. */
    public int runOnce() {
        int sent = 0;
        for (Campaigns.Sending c : campaigns.sending()) {
            sent += send(c.clientId(), c.campaignId());
        }
        return sent;
    }

    private int send(UUID clientId, UUID campaignId) {
        boolean finished = scope.inClient(clientId, () -> queue.jobFinished(clientId, campaignId)).orElseGet(() -> {
            Campaigns.RecipientQuery q = campaigns.recipientQuery(clientId, campaignId);
            scope.inClient(clientId, () -> queue.materialize(clientId, campaignId, q.fromWhere(), q.params(), Times.now(clock)));
            return false;
        });
        if (finished) {
            campaigns.markSent(clientId, campaignId);
            return 0;
        }
        Campaigns.Renderer renderer = campaigns.renderer(clientId, campaignId);
        int sent = 0;
        while (!Thread.currentThread().isInterrupted()) {
            if (campaigns.status(clientId, campaignId) != CampaignStatus.SENDING) {
                return sent; // paused or cancelled: the rest stays queued
            }
            String token = UUID.randomUUID().toString();
            OffsetDateTime now = Times.now(clock);
            List<UUID> batch = scope.inClient(clientId,
                    () -> queue.claim(campaignId, token, batchSize, now, now.plus(LEASE), scope.isPostgres()));
            if (batch.isEmpty()) {
                break;
            }
            sent += scope.inClient(clientId, () -> deliver(clientId, campaignId, token, batch, renderer));
        }
        if (scope.inClient(clientId, () -> queue.open(campaignId)) == 0) {
            scope.inClient(clientId, () -> queue.finishJob(clientId, campaignId, Times.now(clock)));
            campaigns.markSent(clientId, campaignId);
        }
        return sent;
    }

    private int deliver(UUID clientId, UUID campaignId, String token, List<UUID> batch, Campaigns.Renderer renderer) {
        // Checked now, not when the queue was filled: an unsubscribe a second ago stops this mail.
        List<Subscriber> people = subscribers.forDelivery(clientId, batch);
        Map<String, Subscriber> byHash = new LinkedHashMap<>();
        people.forEach(p -> byHash.put(EmailAddress.of("email", p.email()).hash(), p));
        Set<String> suppressed = suppressions.suppressedHashes(clientId, byHash.keySet());
        List<UUID> sent = new ArrayList<>();
        List<UUID> skipped = new ArrayList<>(batch);
        var campaign = renderer.campaign();
        for (var entry : byHash.entrySet()) {
            Subscriber person = entry.getValue();
            if (suppressed.contains(entry.getKey()) || person.status() != SubscriberStatus.ACTIVE) {
                continue;
            }
            Campaigns.Preview message = renderer.render(person);
            String unsubscribe = tokens.unsubscribe(clientId, person.id());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("List-Unsubscribe", "<" + baseUrl + "/s/unsubscribe/" + unsubscribe + ">, <mailto:unsubscribe@"
                    + outbox.bounceDomain() + "?subject=unsubscribe%20" + unsubscribe + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            headers.put("Feedback-ID", shortId(campaignId) + ":" + shortId(clientId) + ":campaign:optline");
            if (campaign.replyTo() != null && !campaign.replyTo().isBlank()) {
                headers.put("Reply-To", campaign.replyTo());
            }
            outbox.capture(clientId, campaignId, verp.address(campaignId, person.id()), campaign.fromName(), campaign.fromEmail(),
                    person.email(), message.subject(),
                    message.text(), message.html(), headers);
            sent.add(person.id());
        }
        skipped.removeAll(sent);
        OffsetDateTime now = Times.now(clock);
        queue.settle(campaignId, token, sent, "sent", now);
        queue.settle(campaignId, token, skipped, "suppressed", now);
        return sent.size();
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
