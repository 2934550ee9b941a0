package org.optline.compliance.standing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.campaign.Campaigns;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.Rates;
import org.optline.compliance.StandingAlert;
import org.optline.compliance.StandingFigures;
import org.optline.compliance.StandingLevel;
import org.optline.compliance.StandingProperties;
import org.optline.compliance.UnsubscribeLatency;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.stereotype.Component;

/**
 * Reads standing figures from the counters: a client's window is a sum over at most
 * {@value ClientStandings#WINDOW_DAYS} rows, its campaigns one row each. Used by the module's
 * public face ({@link ClientStandings}) and by the monitor; not for other modules.
 */
@Component
public class StandingBook {

    /** How many of a client's most recently active campaigns its figures show. */
    static final int CAMPAIGNS = 10;

    private final StandingStore store;
    private final TenantScope scope;
    private final Clients clients;
    private final Campaigns campaigns;
    private final StandingProperties settings;
    private final Clock clock;

    StandingBook(StandingStore store, TenantScope scope, Clients clients, Campaigns campaigns, StandingProperties settings,
                 Clock clock) {
        this.store = store;
        this.scope = scope;
        this.clients = clients;
        this.campaigns = campaigns;
        this.settings = settings;
        this.clock = clock;
    }

    /** The client's figures now; the caller has checked that it may see them. */
    public StandingFigures figures(UUID clientId) {
        LocalDate since = since();
        OffsetDateTime sinceTime = since.atStartOfDay().atOffset(ZoneOffset.UTC);
        Read read = scope.inClient(clientId, () -> new Read(store.window(clientId, since), store.campaigns(clientId, CAMPAIGNS),
                store.latency(clientId, sinceTime)));
        Map<UUID, String> names = campaigns.names(clientId,
                read.campaigns().stream().map(StandingStore.CampaignCounts::campaignId).toList());
        List<StandingFigures.CampaignStanding> lines = read.campaigns().stream()
                .map(c -> new StandingFigures.CampaignStanding(c.campaignId(), names.getOrDefault(c.campaignId(), "(deleted)"),
                        campaignRates(c.counts())))
                .toList();
        return new StandingFigures(clientId, clients.standing(clientId).wireName(), since, clientRates(read.window()), lines,
                read.latency());
    }

    /** What one read of a client's figures takes from the store, in one transaction. */
    private record Read(StandingStore.Counts window, List<StandingStore.CampaignCounts> campaigns, UnsubscribeLatency latency) {}

    /** The level the monitor last acted on for the client: one key lookup, for the notice on every page. */
    public StandingLevel lastLevel(UUID clientId) {
        return scope.inClient(clientId, () -> store.storedLevel(clientId)).orElse(StandingLevel.OK);
    }

    public List<StandingAlert> alerts(int limit) {
        return scope.asPlatform(() -> store.alerts(limit));
    }

    public List<StandingAlert> clientAlerts(UUID clientId, int limit) {
        return scope.inClient(clientId, () -> store.clientAlerts(clientId, limit));
    }

    Rates clientRates(StandingStore.Counts c) {
        return Rates.of(c.sent(), c.complaints(), c.hardBounces(), c.unknownUsers(), c.unsubscribes(), settings,
                settings.minimumSent());
    }

    Rates campaignRates(StandingStore.Counts c) {
        return Rates.of(c.sent(), c.complaints(), c.hardBounces(), c.unknownUsers(), c.unsubscribes(), settings,
                settings.campaignMinimumSent());
    }

    /** The first UTC day of the window: today and the {@value ClientStandings#WINDOW_DAYS} - 1 days before it. */
    LocalDate since() {
        return Times.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()
                .minusDays(ClientStandings.WINDOW_DAYS - 1);
    }
}
