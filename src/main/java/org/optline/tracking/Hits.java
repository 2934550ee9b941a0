package org.optline.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.optline.tracking.classify.Hit;
import org.optline.tracking.classify.MachineRule;
import org.optline.tracking.classify.MachineRules;
import org.optline.tracking.classify.RecentClicks;
import org.optline.tracking.ingest.EventWriter;
import org.optline.tracking.links.CampaignTargets;
import org.optline.tracking.links.ClosedClients;
import org.optline.tracking.links.TrackedLinksStore;
import org.optline.tracking.token.TrackingToken;
import org.optline.tracking.token.TrackingTokens;
import org.springframework.stereotype.Service;

/**
 * Takes the hits of the public tracking links: reads the signed token, classes the hit (a person,
 * a mailbox provider's prefetch, a security scanner), hands the event to the group-commit writer
 * and waits until it is stored. Only then is the hit answered as counted; a bad token stores
 * nothing, and a full queue or a failed write answers {@link Outcome#BUSY}.
 */
@Service
public class Hits {

    public enum Outcome {
        /** Stored; for a click, {@link Answer#target} is where to send the person. */
        STORED,
        /** Not a token this installation signed, one naming a link it does not have, or one of a terminated client. */
        BAD_TOKEN,
        /** Not stored: the writer's queue is full or the write failed; try again shortly. */
        BUSY
    }

    /** What became of a hit, and for a stored click the address to redirect to. */
    public record Answer(Outcome outcome, String target) {}

    private static final Answer BAD = new Answer(Outcome.BAD_TOKEN, null);
    private static final Answer BUSY = new Answer(Outcome.BUSY, null);

    private final TrackingTokens tokens;
    private final CampaignTargets targets;
    private final ClosedClients closed;
    private final RecentClicks recent;
    private final EventWriter writer;
    private final Duration answerWithin;
    private final Clock clock;

    Hits(TrackingTokens tokens, CampaignTargets targets, ClosedClients closed, RecentClicks recent, EventWriter writer, TrackingProperties settings,
         Clock clock) {
        this.tokens = tokens;
        this.targets = targets;
        this.closed = closed;
        this.recent = recent;
        this.writer = writer;
        this.answerWithin = settings.ingest().answerWithin();
        this.clock = clock;
    }

    /** An open pixel fetched with {@code method} by {@code userAgent}. */
    public Answer open(String token, String method, String userAgent) {
        return hit(token, TrackedEvent.Kind.OPEN, method, userAgent);
    }

    /** A tracked link followed with {@code method} by {@code userAgent}. */
    public Answer click(String token, String method, String userAgent) {
        return hit(token, TrackedEvent.Kind.CLICK, method, userAgent);
    }

    private Answer hit(String text, TrackedEvent.Kind kind, String method, String userAgent) {
        Optional<TrackingToken> read = tokens.verify(text);
        if (read.isEmpty() || read.get().open() != (kind == TrackedEvent.Kind.OPEN)) {
            return BAD;
        }
        TrackingToken token = read.get();
        Optional<TrackedLinksStore.Targets> campaign = targets.of(token.campaignId());
        if (campaign.isEmpty() || (!token.open() && token.link() >= campaign.get().urls().size())
                || closed.contains(campaign.get().clientId())) {
            return BAD;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Duration sinceOther = token.open() ? null
                : recent.clicked(token.campaignId(), token.subscriberId(), token.link(), System.nanoTime());
        MachineRule rule = MachineRules.first(new Hit(kind, method, userAgent, at, token.sentAt(), sinceOther));
        TrackedEvent event = new TrackedEvent(UUID.randomUUID(), campaign.get().clientId(), token.campaignId(),
                token.subscriberId(), kind, token.link(), at, rule == null ? TrackedEvent.Source.HUMAN : rule.source(),
                rule == null ? MachineRules.HUMAN : rule.name(), token.group().wireName());
        CompletableFuture<Void> stored = writer.submit(event);
        if (stored == null) {
            return BUSY;
        }
        try {
            stored.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BUSY;
        } catch (ExecutionException | TimeoutException notStored) {
            return BUSY;
        }
        return new Answer(Outcome.STORED, token.open() ? null : campaign.get().urls().get(token.link()));
    }
}
