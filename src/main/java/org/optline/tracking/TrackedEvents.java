package org.optline.tracking;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.optline.platform.TenantScope;
import org.optline.tracking.events.CampaignEventStore;
import org.springframework.stereotype.Service;

/**
 * The tracking module's face for reading back what it stored: one campaign's opens and clicks,
 * event by event, for per-recipient event lists and exports. Pages go oldest first, so a reader
 * that keeps its last position later finds only what arrived since. The caller has checked that
 * the campaign is the client's; every read is pinned to the client as well.
 */
@Service
public class TrackedEvents {

    /** Before every stored event: where the first page starts. */
    public static final Position START = new Position(Instant.EPOCH, new UUID(0, 0));

    /** Where a page ended: the last event's time and id. */
    public record Position(Instant at, UUID id) {}

    /**
     * One stored event.
     *
     * @param subscriberId the recipient, or {@code null} for an event of anonymous tracking
     * @param link         a click's link number, {@code -1} for an open
     * @param url          a click's target as stored for the campaign, {@code null} for an open
     * @param source       a person, or the class of machine that made the hit
     * @param rule         the classification rule that decided {@code source} ({@code human} when none did)
     */
    public record Stored(UUID id, UUID subscriberId, TrackedEvent.Kind kind, int link, String url, Instant at,
                         TrackedEvent.Source source, String rule) {

        public Position position() {
            return new Position(at, id);
        }
    }

    /** One stored event of one subscriber, with its campaign. */
    public record OfSubscriber(UUID campaignId, Stored event) {}

    private final CampaignEventStore store;
    private final TenantScope scope;

    TrackedEvents(CampaignEventStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    /**
     * Up to {@code limit} events of campaign {@code campaignId} after {@code after}, oldest first;
     * of kind {@code kind}, or of both kinds when it is null. Read in the client's own scope.
     */
    public List<Stored> page(UUID clientId, UUID campaignId, TrackedEvent.Kind kind, Position after, int limit) {
        Set<TrackedEvent.Kind> kinds = kind == null ? EnumSet.allOf(TrackedEvent.Kind.class) : EnumSet.of(kind);
        Position from = after == null ? START : after;
        return scope.inClient(clientId, () -> store.page(clientId, campaignId, kinds, from.at(), from.id(), limit));
    }

    /**
     * A subscriber's stored opens and clicks across the client's campaigns, newest first, at most
     * {@code limit} (a legal disclosure shows them). Read in the client's own scope.
     */
    public List<OfSubscriber> ofSubscriber(UUID clientId, UUID subscriberId, int limit) {
        return scope.inClient(clientId, () -> store.ofSubscriber(clientId, subscriberId, limit));
    }
}
