package org.optline.tracking.links;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Component;

/**
 * The stored targets of tracked campaigns, kept in memory once read: a campaign's link table never
 * changes after its first batch, so the redirect costs a map lookup, not a query. Bounded: past
 * {@link #MAX} campaigns the memory starts afresh.
 */
@Component
public class CampaignTargets {

    static final int MAX = 10_000;

    private final TrackedLinksStore store;
    private final TenantScope scope;
    private final Map<UUID, TrackedLinksStore.Targets> known = new ConcurrentHashMap<>();

    CampaignTargets(TrackedLinksStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    /** The campaign's owner and targets, or empty when tracking never started for it. */
    public Optional<TrackedLinksStore.Targets> of(UUID campaignId) {
        TrackedLinksStore.Targets targets = known.get(campaignId);
        if (targets != null) {
            return Optional.of(targets);
        }
        Optional<TrackedLinksStore.Targets> stored = scope.asPlatform(() -> store.find(campaignId));
        stored.ifPresent(t -> {
            if (known.size() >= MAX) {
                known.clear();
            }
            known.put(campaignId, t);
        });
        return stored;
    }
}
