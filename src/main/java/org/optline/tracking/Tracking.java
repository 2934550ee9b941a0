package org.optline.tracking;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.optline.platform.SiteProperties;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.tracking.links.CampaignLinkTable;
import org.optline.tracking.links.TrackedLinksStore;
import org.optline.tracking.token.TrackingToken;
import org.optline.tracking.token.TrackingTokens;
import org.springframework.stereotype.Service;

/**
 * The tracking module's face for the delivery module: a campaign's {@link CampaignLinks}, which
 * rewrite each message's links. The first call for a campaign stores its link table (numbered
 * targets, the only addresses the redirect ever sends anyone to); later calls, on any node, use
 * the stored table.
 */
@Service
public class Tracking {

    /** Campaigns being sent at once are few; past this the map is simply cleared and rebuilt. */
    private static final int MAX_CACHED = 256;

    private final TrackedLinksStore store;
    private final TrackingTokens tokens;
    private final TenantScope scope;
    private final TrackingProperties settings;
    private final String baseUrl;
    private final Clock clock;
    private final Map<UUID, CampaignLinks> byCampaign = new ConcurrentHashMap<>();

    Tracking(TrackedLinksStore store, TrackingTokens tokens, TenantScope scope, TrackingProperties settings,
             SiteProperties site, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.scope = scope;
        this.settings = settings;
        this.baseUrl = site.baseUrl();
        this.clock = clock;
    }

    /**
     * The link rewriter of campaign {@code campaignId} of client {@code clientId}, given the
     * sources of its HTML and text parts (merge tags in place). A campaign's content cannot change
     * once it is sent, so the answer is kept.
     */
    public CampaignLinks links(UUID clientId, UUID campaignId, String htmlSource, String textSource) {
        CampaignLinks known = byCampaign.get(campaignId);
        if (known != null) {
            return known;
        }
        List<String> table = CampaignLinkTable.of(htmlSource, textSource, baseUrl);
        List<String> stored = scope.inClient(clientId, () -> store.storeOnce(clientId, campaignId, table, Times.now(clock)));
        CampaignLinks links = new CampaignLinks(campaignId, stored, htmlSource, textSource, settings.anonymous(), tokens, baseUrl);
        if (byCampaign.size() >= MAX_CACHED) {
            byCampaign.clear();
        }
        byCampaign.put(campaignId, links);
        return links;
    }

    /** The campaign and subscriber (null in anonymous mode) a tracking link's token names. */
    public record Sent(UUID campaignId, UUID subscriberId) {}

    /**
     * What the token of a tracking link ({@code /t/c/…}, {@code /t/o/…}) names, when this
     * installation signed it; for a message someone pasted into the site's abuse form.
     */
    public Optional<Sent> read(String token) {
        return tokens.verify(token).map((TrackingToken t) -> new Sent(t.campaignId(), t.subscriberId()));
    }
}
