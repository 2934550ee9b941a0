package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The port through which the subscriber page and the personal-data export show what a person was
 * sent and did with it (sent, bounced, complained, opened, clicked). The analytics module, which keeps that,
 * implements it; unsubscribes come from the audience's own consent ledger.
 */
public interface SubscriberActivity {

    /** The person's activity, newest first, at most {@code limit} entries. */
    List<Entry> of(UUID clientId, UUID subscriberId, int limit);

    /**
     * One thing that happened: {@code kind} is sent, bounced, complained, opened, clicked or unsubscribed;
     * {@code campaign} names the campaign when there is one; {@code detail} says more (how many opens).
     */
    record Entry(OffsetDateTime at, String kind, UUID campaignId, String campaign, String detail) {}
}
