package org.optline.site.notice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.NoticeAudience;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignStatus;
import org.optline.campaign.Campaigns;
import org.optline.campaign.SenderDomains;
import org.optline.delivery.SendingDomain;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.optline.platform.DaemonThreads;
import org.optline.platform.PageErrors;
import org.optline.platform.Role;
import org.optline.platform.SiteProperties;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.Users;
import org.optline.site.PolicyPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Announces a material policy change through the normal delivery pipeline: the platform's
 * notices client (created once, the same on every node), its sending domain and its list
 * "Privacy notices" brought up to date with every active address on the platform, then a
 * campaign to that list, started. From there delivery throttles, screens suppressions, adds the
 * unsubscribe and preference links, and the campaign's report counts it like any other.
 *
 * <p>A version's run is claimed once (the table's primary key) and then worked on a thread of its
 * own, so the publishing request does not wait for a refresh over every client's subscribers.
 */
@Component
public class NoticeRunner implements DisposableBean {

    /** The notices client's id: fixed, so every node (and every restart) names the same client. */
    public static final UUID CLIENT_ID = UUID.nameUUIDFromBytes("optline:platform-notices".getBytes(StandardCharsets.UTF_8));
    static final String CLIENT_NAME = "Optline notices";
    static final String LIST_NAME = "Privacy notices";

    /** The ledger's account of why an address is on the list: a legal duty, not consent to marketing. */
    static final ConsentSource SOURCE = new ConsentSource(ConsentChannel.PLATFORM_NOTICE, "privacy-policy-notices", null, null,
            "Not consent: the platform's legal duty to inform the people whose data it processes (its users, and its "
            + "clients' subscribers) of a material change to its privacy policy. Used for such notices only, never for "
            + "marketing.");

    private static final Logger log = LoggerFactory.getLogger(NoticeRunner.class);

    private final NoticeStore store;
    private final Clients clients;
    private final Users users;
    private final Lists lists;
    private final NoticeAudience audience;
    private final Campaigns campaigns;
    private final SendingDomains domains;
    private final TenantScope scope;
    private final NoticeProperties settings;
    private final SiteProperties site;
    private final Clock clock;
    private final ExecutorService worker = DaemonThreads.singleThread("policy-notices");

    NoticeRunner(NoticeStore store, Clients clients, Users users, Lists lists, NoticeAudience audience, Campaigns campaigns,
                 SendingDomains domains, TenantScope scope, NoticeProperties settings, SiteProperties site, Clock clock) {
        this.store = store;
        this.clients = clients;
        this.users = users;
        this.lists = lists;
        this.audience = audience;
        this.campaigns = campaigns;
        this.domains = domains;
        this.scope = scope;
        this.settings = settings;
        this.site = site;
        this.clock = clock;
    }

    /**
     * Records a material change's notice and runs it, in the background; nothing when it was
     * recorded before. Even the claim waits for the worker's thread: this is called after the
     * publishing transaction committed, while its resources are still bound to the caller's thread,
     * where new work would join the finished transaction instead of committing its own.
     */
    public void announce(PolicyPublished policy) {
        worker.execute(() -> claimAndRun(policy));
    }

    private void claimAndRun(PolicyPublished policy) {
        boolean claimed;
        try {
            claimed = scope.asPlatform(() -> store.claim(policy.version(), policy.policyId(), policy.summary(),
                    policy.publishedAt(), Times.now(clock)));
        } catch (RuntimeException e) {
            // Nothing was recorded, so no retry can find it: say so where the operator looks.
            log.error("The notice of privacy policy version {} could not be recorded; it is not sent", policy.version(), e);
            return;
        }
        if (!claimed) {
            log.info("The notice of privacy policy version {} was recorded before; not sent again", policy.version());
            return;
        }
        run(policy.version());
    }

    /** Runs the version's notice (already preparing) in the background. */
    public void runLater(int version) {
        worker.execute(() -> run(version));
    }

    void run(int version) {
        NoticeStore.Row row = scope.asPlatform(() -> store.find(version)).orElse(null);
        if (row == null || !"preparing".equals(row.status())) {
            return;
        }
        try {
            prepareAndStart(row);
        } catch (RuntimeException e) {
            log.warn("The notice of privacy policy version {} failed", version, e);
            finish(version, "failed", null, PageErrors.sentence(e));
        }
    }

    private void prepareAndStart(NoticeStore.Row row) {
        if (settings.postalAddress() == null || settings.postalAddress().isBlank()) {
            finish(row.version(), "failed", null, "No postal address is configured for the platform's notices "
                    + "(OPTLINE_NOTICES_POSTAL_ADDRESS); every message must carry one. Set it, restart, and retry.");
            return;
        }
        clients.ensurePlatformClient(CLIENT_ID, CLIENT_NAME, settings.postalAddress());
        Actor actor = new Actor(Actor.Kind.SYSTEM, null, "policy notices", CLIENT_ID, Role.CLIENT_ADMIN, null);
        SendingDomain domain = sendingDomain(actor);
        MailingList list = list(actor);
        NoticeAudience.Refreshed refreshed = audience.refresh(CLIENT_ID, list.id(), clients.terminated(), users.activeLogins(),
                SOURCE);
        scope.asPlatform(() -> store.refreshed(row.version(), refreshed.members(), refreshed.joined(), refreshed.left(),
                Times.now(clock)));
        if (refreshed.members() == 0) {
            finish(row.version(), "nobody", 0L, "Nobody is an active user or subscriber on the platform.");
            return;
        }
        UUID campaignId = row.campaignId() != null ? row.campaignId() : create(actor, row, list);
        Campaign campaign = campaigns.get(actor, campaignId);
        long recipients = campaigns.recipients(actor, campaignId);
        if (campaign.status() == CampaignStatus.DRAFT) {
            if (domains.standing(CLIENT_ID, domain.domain()) == SenderDomains.Standing.UNVERIFIED) {
                domains.verify(actor, domain.id());
            }
            campaigns.send(actor, campaignId, null);
        }
        finish(row.version(), "sending", recipients, null);
    }

    private UUID create(Actor actor, NoticeStore.Row row, MailingList list) {
        PolicyPublished policy = new PolicyPublished(row.policyId(), row.version(), true, row.summary(), row.publishedAt());
        Campaign campaign = campaigns.create(actor, new Campaigns.CampaignInput("Privacy policy version " + row.version(),
                NoticeContent.SUBJECT, "What changes in version " + row.version() + " of our privacy policy",
                settings.fromName(), settings.fromAddress(), null, NoticeContent.html(policy, site.baseUrl()),
                NoticeContent.text(policy, site.baseUrl()), null, null, List.of(list.id())));
        scope.asPlatform(() -> store.campaign(row.version(), campaign.id(), Times.now(clock)));
        return campaign.id();
    }

    /** The notices client's domain of the From address, added on first use. */
    private SendingDomain sendingDomain(Actor actor) {
        String from = settings.fromAddress();
        String name = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return domains.list(actor).stream().filter(d -> d.domain().equals(name)).findFirst()
                .orElseGet(() -> domains.add(actor, name));
    }

    private MailingList list(Actor actor) {
        return lists.listFor(CLIENT_ID).stream().filter(l -> l.name().equals(LIST_NAME)).findFirst().orElseGet(() -> {
            try {
                return lists.create(actor, new Lists.ListInput(LIST_NAME,
                        "Everyone active on the platform, for its legal notices (privacy-policy changes). Kept up to date "
                                + "before each notice.", "single"));
            } catch (DuplicateKeyException e) {
                return lists.listFor(CLIENT_ID).stream().filter(l -> l.name().equals(LIST_NAME)).findFirst().orElseThrow();
            }
        });
    }

    private void finish(int version, String status, Long recipients, String note) {
        scope.asPlatform(() -> store.finish(version, status, recipients, note, Times.now(clock)));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
