package org.optline.campaign;

import java.util.UUID;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.platform.Actor;
import org.optline.segment.Segments;
import org.springframework.stereotype.Service;

/** Copies of campaigns: a new draft to send again, or to start the next one from. */
@Service
public class CampaignCopies {

    private final Campaigns campaigns;
    private final Lists lists;
    private final Segments segments;

    public CampaignCopies(Campaigns campaigns, Lists lists, Segments segments) {
        this.campaigns = campaigns;
        this.lists = lists;
        this.segments = segments;
    }

    /**
     * A new draft with the content and audience of campaign {@code id} (in any status), named
     * "Copy of …". Lists and a segment deleted since are left out (a deleted template is already
     * unset), so an old campaign can always be copied. The copy tracks opens and clicks when the
     * original did.
     */
    public Campaign duplicate(Actor actor, UUID id) {
        UUID clientId = actor.requireClientWriter();
        Campaign c = campaigns.get(actor, id);
        var ownLists = lists.listFor(clientId).stream().map(MailingList::id).toList();
        UUID segmentId = c.segmentId() != null && segments.find(clientId, c.segmentId()).isPresent() ? c.segmentId() : null;
        String name = "Copy of " + c.name();
        return campaigns.create(actor, new Campaigns.CampaignInput(
                name.length() > ContentLimits.MAX_NAME ? name.substring(0, ContentLimits.MAX_NAME) : name, c.subject(),
                c.preheader(), c.fromName(), c.fromEmail(), c.replyTo(), c.html(), c.text(), c.templateId(), segmentId,
                c.listIds().stream().filter(ownLists::contains).toList(), c.tracking(), c.format().wireName(), c.source()));
    }
}
