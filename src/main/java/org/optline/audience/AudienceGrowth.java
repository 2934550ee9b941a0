package org.optline.audience;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.subscribers.GrowthStore;
import org.optline.platform.Actor;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/** A client's audience size and how many people joined per day, for the dashboard. */
@Service
public class AudienceGrowth {

    private final GrowthStore store;
    private final Subscribers subscribers;
    private final TenantScope scope;

    public AudienceGrowth(GrowthStore store, Subscribers subscribers, TenantScope scope) {
        this.store = store;
        this.subscribers = subscribers;
        this.scope = scope;
    }

    /** Subscribers held now (every status). */
    public long size(Actor actor) {
        return subscribers.count(actor);
    }

    /** New subscribers per UTC day from {@code from} to {@code to}, days without any included as 0. */
    public Map<LocalDate, Long> joined(Actor actor, LocalDate from, LocalDate to) {
        UUID clientId = actor.requireClient();
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, 0L);
        }
        scope.inClient(clientId, () -> store.joinedPerDay(clientId, from.atStartOfDay().atOffset(ZoneOffset.UTC)))
                .forEach(j -> days.computeIfPresent(j.day(), (d, n) -> j.count()));
        return days;
    }
}
