package org.optline.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optline.campaign.SendState.SENT;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.optline.campaign.SendCounts;

/** Slow counts of a running campaign are reused for a while; quick ones never are. */
class QueueProgressTest {

    final AtomicLong clock = new AtomicLong();
    final AtomicInteger counted = new AtomicInteger();
    Duration takes = Duration.ofMillis(5);

    /** A count that takes {@code takes} on the fake clock and answers how many counts ran so far. */
    final QueueProgress progress = new QueueProgress((clientId, campaignId) -> {
        clock.addAndGet(takes.toNanos());
        return new SendCounts(Map.of(SENT, (long) counted.incrementAndGet()));
    }, clock::get);

    final UUID client = UUID.randomUUID();
    final UUID campaign = UUID.randomUUID();

    @Test
    void quickCountsAreAlwaysFresh() {
        assertThat(progress.counts(client, campaign).byState()).containsEntry(SENT, 1L);
        assertThat(progress.counts(client, campaign).byState()).containsEntry(SENT, 2L);
    }

    @Test
    void aSlowCountIsReusedForTenTimesAsLongAsItTook() {
        takes = Duration.ofMillis(500);
        assertThat(progress.counts(client, campaign).byState()).containsEntry(SENT, 1L);
        clock.addAndGet(Duration.ofMillis(4_900).toNanos());
        assertThat(progress.counts(client, campaign).byState()).containsEntry(SENT, 1L);
        clock.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(progress.counts(client, campaign).byState()).containsEntry(SENT, 2L);
    }

    @Test
    void reuseIsPerClientAndCampaign() {
        takes = Duration.ofMillis(500);
        progress.counts(client, campaign);
        assertThat(progress.counts(client, UUID.randomUUID()).byState()).containsEntry(SENT, 2L);
        assertThat(progress.counts(UUID.randomUUID(), campaign).byState()).containsEntry(SENT, 3L);
    }

    @Test
    void aCountThatGotQuickAgainIsNoLongerReused() {
        takes = Duration.ofMillis(500);
        progress.counts(client, campaign);
        clock.addAndGet(Duration.ofSeconds(6).toNanos());
        takes = Duration.ofMillis(1); // the campaign finished: its counts come from the job row
        assertThat(progress.counts(client, campaign).byState()).containsEntry(SENT, 2L);
        assertThat(progress.counts(client, campaign).byState()).containsEntry(SENT, 3L);
    }
}
