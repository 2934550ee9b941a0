package org.optline.delivery.queue;

import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
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
import org.optline.delivery.ReplyAddresses;
import org.optline.delivery.Verp;
import org.optline.delivery.dkim.DkimSigner;
import org.optline.delivery.outbox.MimeComposer;
import org.optline.delivery.transport.Envelope;
import org.optline.platform.HeaderText;

/**
 * Turns one subscriber into a finished message for one campaign: render from the content compiled
 * once, add the list and feedback headers and a Reply-To naming the send (so replies reach the
 * inbound listener already matched; the campaign's own reply-to is where they are forwarded),
 * build the MIME with a Message-ID on the From domain that carries the VERP token, DKIM-sign last,
 * and wrap it in an envelope whose return path is the recipient's VERP address (the same token).
 * One instance per campaign run; safe to call from several threads.
 */
final class MessageBuilder {

    private final UUID clientId;
    private final CampaignDispatch.Renderer renderer;
    private final Campaign campaign;
    private final SubscriberTokens tokens;
    private final Verp verp;
    private final ReplyAddresses replies;
    /** The Reply-To's display name, encoded once per run: the From name, so a reply shows who it goes to. */
    private final String replyToName;
    private final Optional<DkimSigner> signer;
    /** The unsubscribe link up to its token ({@link PublicLinks#unsubscribePrefix}), taken once per run. */
    private final String unsubscribeLink;
    private final String bounceDomain;
    private final String feedbackId;
    private final String fromDomain;
    /** The run leaves through the client's own relay: its bounce addresses say so (Verp). */
    private final boolean relayed;

    MessageBuilder(UUID clientId, CampaignDispatch.Renderer renderer, SubscriberTokens tokens, Verp verp, ReplyAddresses replies,
                   Optional<DkimSigner> signer,
                   PublicLinks links, String bounceDomain, boolean relayed) {
        this.clientId = clientId;
        this.relayed = relayed;
        this.renderer = renderer;
        this.campaign = renderer.campaign();
        this.tokens = tokens;
        this.verp = verp;
        this.replies = replies;
        this.replyToName = displayName(campaign.fromName());
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
        headers.put("Reply-To", replyToName + "<" + replies.address(campaign.id(), person.id()) + ">");
        String verpToken = verp.token(campaign.id(), person.id(), relayed);
        String messageId = verp.messageIdOf(verpToken, fromDomain);
        byte[] data = MimeComposer.composeBytes(messageId, campaign.fromName(), campaign.fromEmail(), person.email(),
                message.subject(), message.text(), message.html(), date, headers);
        if (signer.isPresent()) {
            data = signer.get().sign(data);
        }
        return new Envelope(clientId, campaign.id(), person.id(), verp.addressOf(verpToken), person.email(),
                message.subject(), data);
    }

    /**
     * {@code name } as a header's phrase (quoted or RFC 2047-encoded as Jakarta Mail writes the
     * From name), or "" when there is none.
     */
    static String displayName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        try {
            String formatted = new InternetAddress("x@x.invalid", HeaderText.oneLine(name), "UTF-8").toString();
            return formatted.substring(0, formatted.lastIndexOf('<'));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // UTF-8 is always there
        }
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
