package org.optline.analytics.rollup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.optline.tracking.TrackedEvent;

/**
 * One group of stored events summed by what the rollups are keyed on (campaign, link, hour,
 * provider group, recipient, person), so the store writes one row per key rather than per event.
 * Keys are kept sorted: concurrent writers then take row locks in the same order and cannot
 * deadlock each other. Uniques are not known here; the store finds them ({@link RollupStore}).
 */
final class EventTally {

    /** A campaign of a client. */
    record Campaign(UUID clientId, UUID campaignId) {}

    record Link(UUID clientId, UUID campaignId, int link) {}

    record Hour(UUID clientId, UUID campaignId, OffsetDateTime hour) {}

    record Provider(UUID clientId, UUID campaignId, String group) {}

    /** One recipient of one campaign. */
    record Recipient(UUID clientId, UUID campaignId, UUID subscriberId) {}

    /** A person who clicked one link of a campaign. */
    record Clicker(UUID clientId, UUID campaignId, int link, UUID subscriberId) {}

    record Person(UUID clientId, UUID subscriberId) {}

    /** Counts added to one rollup row. */
    static final class Counts {
        long opens;
        long clicks;
        long uniqueOpens;
        long uniqueClicks;
        long machineOpens;
        long machineClicks;
        OffsetDateTime last;

        void seen(OffsetDateTime at) {
            last = last == null || at.isAfter(last) ? at : last;
        }
    }

    /** What one recipient did in this group: human events only. */
    static final class Activity {
        int opens;
        int clicks;
        OffsetDateTime firstOpen;
        OffsetDateTime lastOpen;
        OffsetDateTime firstClick;
        OffsetDateTime lastClick;
        String provider;
    }

    // Field by field, never through toString: a record's toString formats every field, and a
    // fan-out pass of thousands of events spent most of its time there (bench/track.sh, profiled).
    private static final Comparator<Campaign> CAMPAIGNS = Comparator.comparing(Campaign::clientId)
            .thenComparing(Campaign::campaignId);
    private static final Comparator<Link> LINKS = Comparator.comparing(Link::clientId).thenComparing(Link::campaignId)
            .thenComparingInt(Link::link);
    private static final Comparator<Hour> HOURS = Comparator.comparing(Hour::clientId).thenComparing(Hour::campaignId)
            .thenComparing(Hour::hour);
    private static final Comparator<Provider> PROVIDERS = Comparator.comparing(Provider::clientId)
            .thenComparing(Provider::campaignId).thenComparing(Provider::group);
    private static final Comparator<Recipient> RECIPIENTS = Comparator.comparing(Recipient::clientId)
            .thenComparing(Recipient::campaignId).thenComparing(Recipient::subscriberId);
    private static final Comparator<Clicker> CLICKERS = Comparator.comparing(Clicker::clientId)
            .thenComparing(Clicker::campaignId).thenComparingInt(Clicker::link).thenComparing(Clicker::subscriberId);
    private static final Comparator<Person> PEOPLE = Comparator.comparing(Person::clientId).thenComparing(Person::subscriberId);

    final Map<Campaign, Counts> campaigns = new TreeMap<>(CAMPAIGNS);
    final Map<Link, Counts> links = new TreeMap<>(LINKS);
    final Map<Hour, Counts> hours = new TreeMap<>(HOURS);
    final Map<Provider, Counts> providers = new TreeMap<>(PROVIDERS);
    final Map<Recipient, Activity> recipients = new TreeMap<>(RECIPIENTS);
    final Map<Clicker, Boolean> clickers = new TreeMap<>(CLICKERS);
    final Map<Person, Activity> people = new TreeMap<>(PEOPLE);

    static EventTally of(List<TrackedEvent> events) {
        EventTally tally = new EventTally();
        events.forEach(tally::add);
        return tally;
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime hourOf(OffsetDateTime at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    static String group(String providerGroup) {
        return providerGroup == null || providerGroup.isBlank() ? "other" : providerGroup;
    }

    private void add(TrackedEvent e) {
        OffsetDateTime at = utc(e.at());
        boolean open = e.kind() == TrackedEvent.Kind.OPEN;
        boolean human = e.source().human();
        String provider = group(e.providerGroup());
        Counts campaign = campaigns.computeIfAbsent(new Campaign(e.clientId(), e.campaignId()), k -> new Counts());
        Counts byProvider = providers.computeIfAbsent(new Provider(e.clientId(), e.campaignId(), provider), k -> new Counts());
        campaign.seen(at);
        if (!human) {
            // Machine hits are counted apart and go nowhere else: not in hours, people or segments.
            if (open) {
                campaign.machineOpens++;
                byProvider.machineOpens++;
            } else {
                campaign.machineClicks++;
                byProvider.machineClicks++;
                links.computeIfAbsent(new Link(e.clientId(), e.campaignId(), e.link()), k -> new Counts()).machineClicks++;
            }
            return;
        }
        Counts hour = hours.computeIfAbsent(new Hour(e.clientId(), e.campaignId(), hourOf(at)), k -> new Counts());
        if (open) {
            campaign.opens++;
            byProvider.opens++;
            hour.opens++;
        } else {
            campaign.clicks++;
            byProvider.clicks++;
            hour.clicks++;
            links.computeIfAbsent(new Link(e.clientId(), e.campaignId(), e.link()), k -> new Counts()).clicks++;
        }
        if (e.subscriberId() == null) {
            return; // anonymous tracking: totals only, nobody to count once
        }
        Activity recipient = recipients.computeIfAbsent(new Recipient(e.clientId(), e.campaignId(), e.subscriberId()),
                k -> new Activity());
        recipient.provider = provider;
        Activity person = people.computeIfAbsent(new Person(e.clientId(), e.subscriberId()), k -> new Activity());
        for (Activity a : List.of(recipient, person)) {
            if (open) {
                a.opens++;
                a.firstOpen = a.firstOpen == null || at.isBefore(a.firstOpen) ? at : a.firstOpen;
                a.lastOpen = a.lastOpen == null || at.isAfter(a.lastOpen) ? at : a.lastOpen;
            } else {
                a.clicks++;
                a.firstClick = a.firstClick == null || at.isBefore(a.firstClick) ? at : a.firstClick;
                a.lastClick = a.lastClick == null || at.isAfter(a.lastClick) ? at : a.lastClick;
            }
        }
        if (!open) {
            clickers.put(new Clicker(e.clientId(), e.campaignId(), e.link(), e.subscriberId()), true);
        }
    }

    /** Counts a recipient's first open or click in their campaign, hour and provider group. */
    void countUnique(Recipient r, boolean open) {
        Activity a = recipients.get(r);
        OffsetDateTime first = open ? a.firstOpen : a.firstClick;
        Counts campaign = campaigns.get(new Campaign(r.clientId(), r.campaignId()));
        Counts hour = hours.get(new Hour(r.clientId(), r.campaignId(), hourOf(first)));
        Counts provider = providers.get(new Provider(r.clientId(), r.campaignId(), a.provider));
        for (Counts c : List.of(campaign, hour, provider)) {
            if (open) {
                c.uniqueOpens++;
            } else {
                c.uniqueClicks++;
            }
        }
    }

    void countUniqueClick(Clicker c) {
        links.get(new Link(c.clientId(), c.campaignId(), c.link())).uniqueClicks++;
    }
}
