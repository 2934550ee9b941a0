package org.optline.delivery.queue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.PublicLinks;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberTokens;
import org.optline.campaign.Campaign;
import org.optline.campaign.CampaignDispatch;
import org.optline.campaign.RenderedMessage;
import org.optline.delivery.Verp;
import org.optline.delivery.dkim.DkimSigner;
import org.optline.delivery.outbox.MimeComposer;
import org.optline.delivery.transport.Envelope;

/**
 * Turns one subscriber into a finished message for one campaign: render from the content compiled
 * once, add the list and feedback headers, build the MIME with a Message-ID on the From domain,
 * DKIM-sign last, and wrap it in an envelope whose return path is the recipient's VERP address.
 * One instance per campaign run; safe to call from several threads.
 */
final class MessageBuilder {

    private final UUID clientId;
    private final CampaignDispatch.Renderer renderer;
    private final Campaign campaign;
    private final SubscriberTokens tokens;
    private final Verp verp;
    private final Optional<DkimSigner> signer;
    /** The unsubscribe link up to its token ({@link PublicLinks#unsubscribePrefix}), taken once per run. */
    private final String unsubscribeLink;
    private final String bounceDomain;
    private final String feedbackId;
    private final String fromDomain;

    MessageBuilder(UUID clientId, CampaignDispatch.Renderer renderer, SubscriberTokens tokens, Verp verp, Optional<DkimSigner> signer,
                   PublicLinks links, String bounceDomain) {
        this.clientId = clientId;
        this.renderer = renderer;
        this.campaign = renderer.campaign();
        this.tokens = tokens;
        this.verp = verp;
        this.signer = signer;
        this.unsubscribeLink = links.unsubscribePrefix();
        this.bounceDomain = bounceDomain;
        // Feedback-ID (Gmail's feedback loop): campaign:client:kind:sender, most specific first.
        this.feedbackId = shortId(campaign.id()) + ":" + shortId(clientId) + ":campaign:optline";
        this.fromDomain = campaign.fromEmail().substring(campaign.fromEmail().lastIndexOf('@') + 1);
    }

    boolean signs() {
        return signer.isPresent();
    }

    CampaignDispatch.Renderer renderer() {
        return renderer;
    }

    Envelope build(Subscriber person, Instant date) {
        return build(person, date, null);
    }

    /** The message, its links pointed at tracking by {@code links} (null: left as they are). */
    Envelope build(Subscriber person, Instant date, RewriteLinks.Rewriter links) {
        String unsubscribe = tokens.unsubscribe(clientId, person.id());
        RenderedMessage rendered = renderer.render(person, unsubscribe);
        RenderedMessage message = links == null ? rendered : links.apply(person, rendered, date);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeLink + unsubscribe + ">, <mailto:unsubscribe@"
                + bounceDomain + "?subject=unsubscribe%20" + unsubscribe + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Feedback-ID", feedbackId);
        if (campaign.replyTo() != null && !campaign.replyTo().isBlank()) {
            headers.put("Reply-To", campaign.replyTo());
        }
        String messageId = "<" + UUID.randomUUID() + "@" + fromDomain + ">";
        byte[] data = MimeComposer.composeBytes(messageId, campaign.fromName(), campaign.fromEmail(), person.email(),
                message.subject(), message.text(), message.html(), date, headers);
        if (signer.isPresent()) {
            data = signer.get().sign(data);
        }
        return new Envelope(clientId, campaign.id(), person.id(), verp.address(campaign.id(), person.id()), person.email(),
                message.subject(), data);
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
