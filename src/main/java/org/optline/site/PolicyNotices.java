package org.optline.site;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.campaign.SendCounts;
import org.optline.campaign.SendProgress;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.site.notice.NoticeRunner;
import org.optline.site.notice.NoticeStore;
import org.springframework.stereotype.Service;

/**
 * The mail announcing material privacy-policy changes, for the operator: each version's run with
 * its figures (the notices list, the campaign and how far its delivery is), and a retry of one
 * that failed. The mail itself starts by itself when a material {@link PolicyPublished} commits.
 */
@Service
public class PolicyNotices {

    /** How long a run may stay preparing before a retry may take it over (its node stopped). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

    private final NoticeStore store;
    private final NoticeRunner runner;
    private final Campaigns campaigns;
    private final SendProgress progress;
    private final TenantScope scope;
    private final Clock clock;

    PolicyNotices(NoticeStore store, NoticeRunner runner, Campaigns campaigns, SendProgress progress, TenantScope scope,
                  Clock clock) {
        this.store = store;
        this.runner = runner;
        this.campaigns = campaigns;
        this.progress = progress;
        this.scope = scope;
        this.clock = clock;
    }

    /** Every run, newest version first. */
    public List<PolicyNotice> list(Actor operator) {
        operator.requireOperator();
        return scope.asPlatform(store::list).stream().map(this::view).toList();
    }

    /** The run of one policy version, if its change was material. */
    public Optional<PolicyNotice> find(Actor operator, int version) {
        operator.requireOperator();
        return scope.asPlatform(() -> store.find(version)).map(this::view);
    }

    /**
     * Runs a failed notice again (or one left preparing for {@link #ABANDONED_AFTER} by a node
     * that stopped). The list is refreshed again; a campaign already made is reused, never made twice.
     */
    public PolicyNotice retry(Actor operator, int version) {
        operator.requireOperator();
        var now = Times.now(clock);
        boolean reopened = scope.asPlatform(() -> {
            if (store.find(version).isEmpty()) {
                throw new NotFoundException("No notice of policy version " + version);
            }
            return store.reopen(version, now.minus(ABANDONED_AFTER), now);
        });
        if (!reopened) {
            throw new ConflictException("The notice of policy version " + version + " has not failed: it cannot be retried");
        }
        runner.runLater(version);
        return find(operator, version).orElseThrow();
    }

    private PolicyNotice view(NoticeStore.Row r) {
        String campaignStatus = null;
        SendCounts delivery = null;
        if (r.campaignId() != null) {
            campaignStatus = campaigns.find(NoticeRunner.CLIENT_ID, r.campaignId()).map(Campaign::status)
                    .map(s -> s.wireName()).orElse(null);
            delivery = progress.counts(NoticeRunner.CLIENT_ID, r.campaignId());
        }
        return new PolicyNotice(r.version(), r.policyId(), r.publishedAt(), r.status(), r.campaignId(), campaignStatus,
                r.members(), r.membersAdded(), r.membersRemoved(), r.recipients(), delivery, r.note(), r.createdAt(),
                r.updatedAt());
    }
}
