package org.optline.delivery.queue;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.optline.audience.PublicLinks;
import org.optline.audience.SubscriberTokens;
import org.optline.campaign.CampaignDispatch;
import org.optline.delivery.MailProperties;
import org.optline.delivery.ReplyAddresses;
import org.optline.delivery.Verp;
import org.optline.delivery.dkim.DkimKeys;
import org.optline.delivery.dkim.DkimSigner;
import org.optline.platform.SecretBox;
import org.optline.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prepares a campaign's round once for all its batches: its content compiled, its way out, its DKIM
 * key and the message builder. A campaign that cannot be sent as it stands (content that breaks a
 * rule, an unusable relay or From domain, an unreadable key) pauses with a note its client can act
 * on, instead of failing every round.
 */
@Component
class CampaignRuns {

    private static final Logger log = LoggerFactory.getLogger(CampaignRuns.class);

    private final CampaignDispatch campaigns;
    private final Transports transports;
    private final DkimKeys dkim;
    private final SubscriberTokens tokens;
    private final Verp verp;
    private final ReplyAddresses replies;
    private final PublicLinks links;
    private final MailProperties mail;

    CampaignRuns(CampaignDispatch campaigns, Transports transports, DkimKeys dkim, SubscriberTokens tokens, Verp verp,
                 ReplyAddresses replies, PublicLinks links, MailProperties mail) {
        this.replies = replies;
        this.campaigns = campaigns;
        this.transports = transports;
        this.dkim = dkim;
        this.tokens = tokens;
        this.verp = verp;
        this.links = links;
        this.mail = mail;
    }

    /** The round's shared part, or empty when the campaign was paused instead. */
    Optional<CampaignRun> open(UUID clientId, UUID campaignId, AtomicBoolean halted) {
        Transports.Route route;
        CampaignDispatch.Renderer renderer;
        try {
            renderer = campaigns.renderer(clientId, campaignId);
        } catch (ValidationException e) {
            // Content stored before a content rule it breaks (the checklist refuses it today):
            // retrying every round would only fill the log, and the client must edit it.
            log.warn("Campaign {} pauses: its content no longer passes the checks: {}", campaignId, e.getMessage());
            campaigns.pauseForDelivery(clientId, campaignId, "The campaign's content no longer passes the content checks ("
                    + e.getMessage() + "). Edit it, then resume the campaign.");
            return Optional.empty();
        }
        Optional<DkimSigner> signer;
        try {
            route = transports.forClient(clientId, renderer.campaign().fromEmail());
            signer = dkim.forSender(clientId, renderer.campaign().fromEmail());
        } catch (Transports.Unusable | SecretBox.UnreadableSecret e) {
            log.warn("Campaign {} pauses: {}", campaignId, e.getMessage());
            campaigns.pauseForDelivery(clientId, campaignId, e instanceof Transports.Unusable ? e.getMessage()
                    : "The DKIM key of the From domain could not be read. Remove the sending domain and add it again "
                    + "(and publish its new DNS record), then resume the campaign.");
            return Optional.empty();
        }
        MessageBuilder builder = new MessageBuilder(clientId, renderer, tokens, verp, replies, signer, links,
                mail.bounceDomain(), route.relayOf() != null);
        return Optional.of(new CampaignRun(clientId, campaignId, builder, route, halted));
    }
}
