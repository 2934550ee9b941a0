package org.optline.inbound.actions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.delivery.MailProperties;
import org.optline.delivery.ReplyAddresses;
import org.optline.delivery.Verp;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification;
import org.optline.inbound.classify.InboundEnvelope;
import org.springframework.stereotype.Component;

/**
 * Finds the send an inbound message is about, from evidence only this installation can have
 * signed: the envelope recipient (a VERP bounce address {@code b-…}, a reply address {@code r-…},
 * or the unsubscribe mailbox with the message's unsubscribe token in the subject), then the
 * returned message's headers (Message-ID, Return-Path, List-Unsubscribe) and a reply's
 * In-Reply-To. The first piece that verifies decides; a campaign names its client by lookup.
 * A bounce whose report names a recipient other than the subscriber is not matched: it is forged
 * or misrouted, and acting on it would suppress somebody else's address.
 */
@Component
class SendMatcher {

    /** The unsubscribe link's token ({@code /s/unsubscribe/<token>}) or the mailto subject's. */
    private static final Pattern UNSUBSCRIBE_TOKEN =
            Pattern.compile("(?:/s/unsubscribe/|unsubscribe(?:%20|\\+|\\s+))([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

    private final Verp verp;
    private final ReplyAddresses replies;
    private final SubscriberTokens tokens;
    private final Campaigns campaigns;
    private final Subscribers subscribers;
    private final String unsubscribeMailbox;

    SendMatcher(Verp verp, ReplyAddresses replies, SubscriberTokens tokens, Campaigns campaigns, Subscribers subscribers,
                MailProperties mail) {
        this.verp = verp;
        this.replies = replies;
        this.tokens = tokens;
        this.campaigns = campaigns;
        this.subscribers = subscribers;
        this.unsubscribeMailbox = ("unsubscribe@" + mail.bounceDomain()).toLowerCase(Locale.ROOT);
    }

    /**
     * How the send was found, for people reading the result; {@code viaMailto}: the List-Unsubscribe
     * mailbox; {@code platformSend}: the evidence is a bounce token of a send that left through the
     * platform's own transport (Verp), the only kind that may suppress an address platform-wide.
     */
    record Match(UUID clientId, UUID campaignId, Subscriber subscriber, String via, boolean viaMailto, boolean platformSend) {

        UUID subscriberId() {
            return subscriber.id();
        }
    }

    /** The send, or the reason there is none (the result's "unmatched: …"). */
    record Outcome(Match match, String unmatched) {}

    /** A piece of evidence read: the client when the token names it, else the campaign to look it up by. */
    private record Found(UUID clientId, UUID campaignId, UUID subscriberId, String via, boolean mailto, boolean platformSend) {}

    Outcome match(InboundEnvelope envelope, Classification c) {
        List<Found> found = evidence(envelope, c);
        if (found.isEmpty()) {
            return new Outcome(null, "no send found");
        }
        Found f = found.get(0);
        UUID clientId = f.clientId() != null ? f.clientId() : campaigns.clientOf(f.campaignId()).orElse(null);
        if (clientId == null) {
            return new Outcome(null, "the campaign no longer exists");
        }
        Optional<Subscriber> subscriber = subscribers.find(clientId, f.subscriberId());
        if (subscriber.isEmpty()) {
            return new Outcome(null, "the subscriber no longer exists");
        }
        boolean bounce = c.kind() == MailKind.HARD_BOUNCE || c.kind() == MailKind.SOFT_BOUNCE;
        if (bounce && c.recipient() != null && !c.recipient().isBlank()
                && !sameAddress(c.recipient(), subscriber.get().email())) {
            return new Outcome(null, "the reported recipient is not the subscriber the send was for");
        }
        return new Outcome(new Match(clientId, f.campaignId(), subscriber.get(), f.via(), f.mailto(), f.platformSend()), null);
    }

    private List<Found> evidence(InboundEnvelope envelope, Classification c) {
        List<Found> found = new ArrayList<>();
        for (String rcpt : envelope.recipients()) {
            String address = bare(rcpt);
            verp.read(address).ifPresent(s -> found.add(send(s, "bounce address", !s.relayed())));
            replies.read(address).ifPresent(s -> found.add(send(s, "reply address", false)));
            if (address.toLowerCase(Locale.ROOT).equals(unsubscribeMailbox) && c.reply() != null) {
                unsubscribeToken(c.reply().subject()).ifPresent(h -> found.add(
                        new Found(h.clientId(), null, h.subscriberId(), "unsubscribe mailbox", true, false)));
            }
        }
        Classification.Returned r = c.returned();
        if (r != null) {
            verp.readMessageId(r.messageId()).ifPresent(s -> found.add(send(s, "returned Message-ID", !s.relayed())));
            verp.read(bare(r.returnPath())).ifPresent(s -> found.add(send(s, "returned Return-Path", !s.relayed())));
            unsubscribeToken(r.listUnsubscribe()).ifPresent(h -> found.add(
                    new Found(h.clientId(), null, h.subscriberId(), "returned List-Unsubscribe", false, false)));
        }
        if (c.reply() != null) {
            verp.readMessageId(c.reply().inReplyTo()).ifPresent(s -> found.add(send(s, "In-Reply-To", !s.relayed())));
        }
        return found;
    }

    private static Found send(Verp.Send s, String via, boolean platformSend) {
        return new Found(null, s.campaignId(), s.subscriberId(), via, false, platformSend);
    }

    private Optional<SubscriberTokens.Holder> unsubscribeToken(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = text; // a stray "%": read it as it came
        }
        Matcher m = UNSUBSCRIBE_TOKEN.matcher(decoded);
        while (m.find()) {
            Optional<SubscriberTokens.Holder> holder = tokens.readUnsubscribe(m.group(1));
            if (holder.isPresent()) {
                return holder;
            }
        }
        return Optional.empty();
    }

    /** {@code Name <a@b>} or {@code <a@b>} → {@code a@b}. */
    static String bare(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip();
        int open = a.lastIndexOf('<');
        int close = a.lastIndexOf('>');
        return open >= 0 && close > open ? a.substring(open + 1, close).strip() : a;
    }

    private static boolean sameAddress(String reported, String subscriber) {
        String r = bare(reported);
        int semicolon = r.indexOf(';'); // Final-Recipient: rfc822; a@b
        if (semicolon >= 0) {
            r = r.substring(semicolon + 1).strip();
        }
        return r.equalsIgnoreCase(subscriber.strip());
    }
}
