package org.optline.delivery.queue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.Subscriber;
import org.optline.campaign.CampaignDispatch;
import org.optline.campaign.RenderedMessage;
import org.optline.delivery.transport.ProviderGroups;
import org.optline.tracking.CampaignLinks;
import org.optline.tracking.Tracking;
import org.springframework.stereotype.Component;

/**
 * Prepares open and click tracking for the batch: the campaign's link table (stored by tracking
 * on its first batch) and each recipient's mailbox-provider group, fixed now, at send time. The
 * messages are rewritten as {@link BuildMessages} renders them, before the MIME is built and
 * signed. A campaign with tracking off goes through untouched.
 */
@Component
final class RewriteLinks implements BatchStage {

    /** Rewrites one rendered message of the batch: its links to tracking links, and an open pixel. */
    record Rewriter(CampaignLinks links, Map<UUID, String> domains, ProviderGroups groups) {

        RenderedMessage apply(Subscriber person, RenderedMessage message, Instant sentAt) {
            String domain = domains.get(person.id());
            String group = domain == null ? null : groups.destinationOf(domain);
            CampaignLinks.Rewritten r = links.rewrite(person.id(), group, sentAt, message.html(), message.text());
            return new RenderedMessage(message.subject(), r.html(), r.text());
        }
    }

    private final Tracking tracking;
    private final ProviderGroups groups;

    RewriteLinks(Tracking tracking, ProviderGroups groups) {
        this.tracking = tracking;
        this.groups = groups;
    }

    @Override
    public void run(Batch batch) {
        CampaignDispatch.Renderer renderer = batch.run.builder().renderer();
        if (!renderer.campaign().tracking()) {
            return;
        }
        CampaignLinks links = tracking.links(batch.run.clientId(), batch.run.campaignId(), renderer.htmlSource(),
                renderer.textSource());
        batch.links = new Rewriter(links, batch.domains, groups);
    }
}
