package org.optline.compliance.standing;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.optline.campaign.CampaignDispatch;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.Rates;
import org.optline.compliance.StandingLevel;
import org.optline.compliance.StandingProperties;
import org.optline.delivery.MessagesSettled;
import org.optline.inbound.BounceReceived;
import org.optline.inbound.ComplaintReceived;
import org.optline.platform.Actor;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.DaemonThreads;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Judges clients and campaigns against the thresholds and acts when a level changes: a client
 * whose 30-day rates reach a pause line is paused ({@code Clients.changeStatus} as the system
 * actor {@code standing}, audited with the figures), a campaign whose own rates do is stopped with
 * a note, and the operator is told (a standing alert, the log, the metric). It runs every
 * {@code optline.standing.monitor-interval} on every node, and after each committed complaint,
 * hard bounce and settled batch, off the caller's thread.
 *
 * <p>Two nodes may judge the same client at once: the level it last acted on is moved by an update
 * that names the old level, so only one of them acts; alerts are unique by key. A client is paused
 * when its level moves to pause, not again while it stays there, so an operator who reinstates it
 * decides; if its rates fall below and cross the line again, it is paused again.
 */
@Component
class StandingMonitor implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StandingMonitor.class);

    private final StandingStore store;
    private final StandingBook book;
    private final Alerts alerts;
    private final Clients clients;
    private final CampaignDispatch dispatch;
    private final TenantScope scope;
    private final StandingProperties settings;
    private final Clock clock;
    /** Checks asked for and not started yet: a burst of complaints about one campaign is judged once. */
    private final Set<Check> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner = DaemonThreads.singleThread("standing-monitor");

    private record Check(UUID clientId, UUID campaignId) {}

    StandingMonitor(StandingStore store, StandingBook book, Alerts alerts, Clients clients, CampaignDispatch dispatch,
                    TenantScope scope, StandingProperties settings, Clock clock) {
        this.store = store;
        this.book = book;
        this.alerts = alerts;
        this.clients = clients;
        this.dispatch = dispatch;
        this.scope = scope;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, settings.monitorInterval(), settings.monitorInterval()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ComplaintReceived complaint) {
        request(complaint.clientId(), complaint.campaignId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(BounceReceived bounce) {
        if (bounce.hard()) {
            request(bounce.clientId(), bounce.campaignId());
        }
    }

    /** More sends can bring a campaign to its minimum volume, with complaints that came before. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MessagesSettled settled) {
        request(settled.clientId(), settled.campaignId());
    }

    /** Judges every client with figures in the window, and every client not at ok, with their recent campaigns. */
    void sweep() {
        try {
            for (UUID clientId : scope.asPlatform(() -> store.clientsToCheck(book.since()))) {
                OffsetDateTime since = Times.now(clock).minusDays(ClientStandings.WINDOW_DAYS);
                List<UUID> campaigns = scope.inClient(clientId, () -> store.campaignsToCheck(clientId, since));
                judgeSafely(clientId, campaigns);
            }
        } catch (RuntimeException e) {
            log.warn("The standing monitor's round failed", e);
        }
    }

    private void request(UUID clientId, UUID campaignId) {
        Check check = new Check(clientId, campaignId);
        if (pending.add(check)) {
            runner.execute(() -> {
                pending.remove(check);
                judgeSafely(clientId, campaignId == null ? List.of() : List.of(campaignId));
            });
        }
    }

    private void judgeSafely(UUID clientId, List<UUID> campaignIds) {
        try {
            judge(clientId, campaignIds);
        } catch (RuntimeException e) {
            log.warn("Judging the standing of client {} failed", clientId, e);
        }
    }

    /** Judges the client and these campaigns of it now, acting on each level that changed. */
    void judge(UUID clientId, List<UUID> campaignIds) {
        OffsetDateTime now = Times.now(clock);
        Rates window = book.clientRates(scope.inClient(clientId, () -> store.window(clientId, book.since())));
        StandingLevel target = acting(window.level());
        StandingLevel current = scope.inClient(clientId, () -> store.level(clientId, now));
        if (target != current && scope.inClient(clientId, () -> store.moveLevel(clientId, current, target, now))) {
            clientMoved(clientId, target, window, now);
        }
        for (UUID campaignId : campaignIds) {
            scope.inClient(clientId, () -> store.campaign(clientId, campaignId)).ifPresent(c -> {
                Rates rates = book.campaignRates(c.counts());
                StandingLevel next = acting(rates.level());
                if (next != c.level() && scope.inClient(clientId,
                        () -> store.moveCampaignLevel(clientId, campaignId, c.level(), next))) {
                    campaignMoved(clientId, campaignId, next, rates, now);
                }
            });
        }
    }

    private void clientMoved(UUID clientId, StandingLevel level, Rates window, OffsetDateTime now) {
        if (level == StandingLevel.OK) {
            log.info("Client {} is back under the standing warning lines: {}", clientId, window.summary());
            return;
        }
        String figures = String.join(" ", window.reasons()) + " Last " + ClientStandings.WINDOW_DAYS + " days: "
                + window.summary() + ".";
        boolean pause = level == StandingLevel.PAUSE;
        boolean paused = pause && pause(clientId, "Paused by the standing monitor. " + figures);
        String detail = (pause ? (paused ? "Client paused. " : "Pause line reached; the client was not active. ") : "Warning. ")
                + figures;
        scope.inClient(clientId, () -> alerts.raise(clientId, null, "client", level, detail, now,
                "client:" + clientId + ":" + level.wireName() + ":" + now.toInstant()));
    }

    /** Pauses the client if it is active; answers whether this call did. */
    private boolean pause(UUID clientId, String reason) {
        if (clients.standing(clientId) != ClientStatus.ACTIVE) {
            return false;
        }
        try {
            clients.changeStatus(Actor.system("standing"), clientId, ClientStatus.PAUSED, reason);
            return true;
        } catch (ConflictException e) {
            // The operator (or another node) changed the client's status meanwhile: theirs stands.
            log.info("Client {} changed status while the standing monitor paused it: {}", clientId, e.getMessage());
            return false;
        }
    }

    private void campaignMoved(UUID clientId, UUID campaignId, StandingLevel level, Rates rates, OffsetDateTime now) {
        if (level == StandingLevel.OK) {
            return;
        }
        String figures = String.join(" ", rates.reasons()) + " This campaign so far: " + rates.summary(false) + ".";
        boolean stopped = level == StandingLevel.PAUSE && dispatch.holdForStanding(clientId, campaignId,
                "Stopped by the standing monitor. " + figures + " The remaining recipients were not sent to;"
                        + " look into the complaints and bounces before you resume it.");
        String detail = (level == StandingLevel.PAUSE ? (stopped ? "Campaign stopped. " : "Pause line reached after sending. ")
                : "Warning. ") + figures;
        scope.inClient(clientId, () -> alerts.raise(clientId, campaignId, "campaign", level, detail, now,
                "campaign:" + campaignId + ":" + level.wireName() + ":" + now.toInstant()));
    }

    /** Under the minimum volume the rates do not act: the level that counts is ok. */
    private static StandingLevel acting(StandingLevel level) {
        return level == StandingLevel.QUIET ? StandingLevel.OK : level;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
