package org.optline.campaign;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.RecipientSelection;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberTokens;
import org.optline.campaign.store.CampaignStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Client;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.stereotype.Service;

/**
 * The campaign module's system-facing side: what the delivery module asks and tells while it
 * sends (which campaigns are being sent, to whom, each message rendered, sent or paused), and the
 * start of scheduled campaigns. No actor: these run for the platform, each call for one client.
 */
@Service
public class CampaignDispatch {

    /** A campaign being sent, as the delivery module sees it. */
    public record Sending(UUID clientId, UUID campaignId) {}

    /** Renders a campaign for many subscribers, the content compiled once. */
    public interface Renderer {
        RenderedMessage render(Subscriber subscriber);

        /**
         * Renders with the subscriber's unsubscribe token already made (by
         * {@link SubscriberTokens#unsubscribe}) for the message's List-Unsubscribe header, so that
         * it is signed once per message, not twice. The token is taken as given: it must be this
         * subscriber's, of this campaign's client.
         */
        RenderedMessage render(Subscriber subscriber, String unsubscribeToken);

        Campaign campaign();

        /**
         * The message's HTML and text parts as compiled, merge tags still in place (footer
         * included): what tracking reads a campaign's links from, so that a link holding a merge
         * tag is told apart from one that is the same in every message.
         */
        String htmlSource();

        String textSource();
    }

    private final CampaignStore store;
    private final CampaignContent content;
    private final MergeValues values;
    private final RecipientQueries recipients;
    private final StandingHolds holds;
    private final Clients clients;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    public CampaignDispatch(CampaignStore store, CampaignContent content, MergeValues values, RecipientQueries recipients,
                            StandingHolds holds, Clients clients, TenantScope scope, AuditLog audit, Clock clock) {
        this.store = store;
        this.content = content;
        this.values = values;
        this.recipients = recipients;
        this.holds = holds;
        this.clients = clients;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Starts scheduled campaigns whose time has come (also after a restart: the time is in the
     * database); the module's own poll calls it ({@code optline.campaigns.schedule-poll}). One whose
     * client may not send then is paused instead, with the reason ({@link StandingHolds}).
     */
    public int startDue() {
        int started = 0;
        Map<UUID, ClientStatus> standings = new HashMap<>();
        for (UUID[] due : scope.asPlatform(() -> store.due(Times.now(clock)))) {
            ClientStatus standing = standings.computeIfAbsent(due[0], clients::standing);
            if (!standing.maySend()) {
                holds.hold(due[0], due[1], CampaignStatus.SCHEDULED, standing);
                continue;
            }
            boolean moved = scope.inClient(due[0], () -> store.moveStatus(due[0], due[1], CampaignStatus.SCHEDULED,
                    CampaignStatus.SENDING, null, Times.now(clock)));
            started += moved ? 1 : 0;
        }
        return started;
    }

    /**
     * The campaigns being sent whose client may send now. Those of a client that may not (paused,
     * suspended, terminated) are paused here, with the reason: the standing change pauses them
     * too, but only on the node where it was made and as it happens; this asks every round.
     */
    public List<Sending> sending() {
        List<Sending> sending = new ArrayList<>();
        Map<UUID, ClientStatus> standings = new HashMap<>();
        for (UUID[] row : scope.asPlatform(() -> store.inStatus(CampaignStatus.SENDING))) {
            ClientStatus standing = standings.computeIfAbsent(row[0], clients::standing);
            if (standing.maySend()) {
                sending.add(new Sending(row[0], row[1]));
            } else {
                holds.hold(row[0], row[1], CampaignStatus.SENDING, standing);
            }
        }
        return sending;
    }

    /** Who the campaign goes to now, for the delivery module to fill its queue from. */
    public RecipientSelection recipients(UUID clientId, UUID id) {
        return recipients.of(find(clientId, id));
    }

    /**
     * The campaign's renderer: its content compiled once, with only the signed links its templates
     * print. A {@link org.optline.platform.ValidationException} when stored content breaks a content rule.
     */
    public Renderer renderer(UUID clientId, UUID id) {
        Campaign c = find(clientId, id);
        Client client = clients.profile(clientId).orElseThrow();
        CompiledContent compiled = content.compile(c);
        MergeValues.Links links = MergeValues.Links.readBy(compiled);
        return new Renderer() {
            public RenderedMessage render(Subscriber subscriber) {
                return render(subscriber, null);
            }

            public RenderedMessage render(Subscriber subscriber, String unsubscribeToken) {
                return RenderedMessage.of(compiled.render(values.live(client, c.id(), subscriber, links, unsubscribeToken)));
            }

            public Campaign campaign() {
                return c;
            }

            public String htmlSource() {
                return compiled.sanitizedHtml();
            }

            public String textSource() {
                return compiled.textSource();
            }
        };
    }

    /** Whether the campaign is being sent: false once it is paused, cancelled or sent, and when it is gone. */
    /**
     * The names of the client's campaigns that will still send From an address at {@code domain}:
     * scheduled, sending or paused (drafts are checked again before they are sent; sent and
     * cancelled ones send nothing more). The delivery module asks before a sending domain goes.
     */
    public List<String> stillSendingFrom(UUID clientId, String domain) {
        return scope.inClient(clientId, () -> store.namesStillSendingFrom(clientId, domain.toLowerCase(Locale.ROOT)));
    }

    public boolean isSending(UUID clientId, UUID id) {
        return scope.inClient(clientId, () -> store.find(clientId, id)).map(c -> c.status() == CampaignStatus.SENDING).orElse(false);
    }

    /**
     * Pauses a sending campaign on the delivery module's behalf, when a receiving server refused
     * the sender (5.7.x: reputation, policy, authentication) rather than a recipient: sending on
     * would only hurt the client's reputation further. The reason goes to the audit log.
     */
    public boolean pauseForDelivery(UUID clientId, UUID id, String reason) {
        boolean paused = scope.inClient(clientId, () -> store.moveStatusWithNote(clientId, id, CampaignStatus.SENDING,
                CampaignStatus.PAUSED, reason, Times.now(clock)));
        if (paused) {
            audit.record(Actor.system("delivery"), clientId, "campaign.paused-by-delivery",
                    "campaign:" + id, reason.length() > 300 ? reason.substring(0, 300) : reason);
        }
        return paused;
    }

    /**
     * Stops a sending campaign on the compliance module's behalf, when its own complaint or
     * hard-bounce rate crossed a pause line: the rest of its recipients would only hear from a
     * sender they are complaining about. The note is what the client reads on the campaign page;
     * it goes to the audit log too. Answers whether this call stopped it (false when it was no
     * longer sending).
     */
    public boolean holdForStanding(UUID clientId, UUID id, String note) {
        boolean held = scope.inClient(clientId, () -> store.moveStatusWithNote(clientId, id, CampaignStatus.SENDING,
                CampaignStatus.PAUSED, note, Times.now(clock)));
        if (held) {
            audit.record(Actor.system("standing"), clientId, "campaign.paused-by-standing",
                    "campaign:" + id, note.length() > 300 ? note.substring(0, 300) : note);
        }
        return held;
    }

    /** Marks a sending campaign sent once delivery has handed every message over. */
    public void markSent(UUID clientId, UUID id) {
        scope.inClient(clientId, () -> store.moveStatus(clientId, id, CampaignStatus.SENDING, CampaignStatus.SENT, null, Times.now(clock)));
    }

    private Campaign find(UUID clientId, UUID id) {
        return scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> new NotFoundException("No campaign " + id));
    }
}
