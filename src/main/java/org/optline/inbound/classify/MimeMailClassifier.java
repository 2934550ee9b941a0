package org.optline.inbound.classify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.optline.delivery.MailProperties;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification.Reply;
import org.springframework.stereotype.Component;

/**
 * Classifies inbound mail with mime4j and a hand-written rule set, in this order: a delivery
 * status notification (a message/delivery-status part), a feedback report (ARF), a bounce in
 * words only (a bounce's sender and a known server's text), mail to the unsubscribe mailbox,
 * an auto-reply, an unsubscribe wish in a reply, and otherwise a person's reply. What no rule
 * can tell is {@link MailKind#UNKNOWN}: a guess could suppress a live address. docs/inbound.md,
 * "Classification", has the rules.
 */
@Component
public class MimeMailClassifier implements MailClassifier {

    private static final String UNSUBSCRIBE_MAILBOX = "unsubscribe";

    private final Set<String> ownDomains;
    private final String bounceDomain;

    public MimeMailClassifier(MailProperties mail) {
        this.bounceDomain = mail.bounceDomain().toLowerCase(Locale.ROOT);
        this.ownDomains = Set.of(bounceDomain, mail.replyDomain().toLowerCase(Locale.ROOT));
    }

    @Override
    public Classification classify(byte[] raw, InboundEnvelope envelope) {
        try {
            if (raw == null || raw.length == 0) {
                return Classifications.unknown("unparseable: empty message");
            }
            return classify(MailParts.parse(raw), envelope == null ? new InboundEnvelope("", List.of()) : envelope);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // Whatever a message does to the parser, the answer is "cannot tell", never an exception.
            return Classifications.unknown("unparseable: " + e.getClass().getSimpleName());
        }
    }

    private Classification classify(Message message, InboundEnvelope envelope) throws IOException {
        List<Entity> parts = MailParts.leaves(message);
        for (Entity part : parts) {
            if (DeliveryStatusReports.isStatusPart(part)) {
                return DeliveryStatusReports.read(part, parts);
            }
        }
        for (Entity part : parts) {
            if (FeedbackReports.isFeedbackPart(part)) {
                return FeedbackReports.read(part, parts);
            }
        }
        if (MailParts.mimeType(message).equals("multipart/report")
                && MailParts.contentTypeParameter(message, "report-type").equals("feedback-report")) {
            return FeedbackReports.withoutFeedbackPart(parts);
        }
        Header header = message.getHeader();
        boolean nullReversePath = envelope.mailFrom() == null || envelope.mailFrom().isBlank()
                || envelope.mailFrom().strip().equals("<>");
        String from = MailParts.addressField(header, "From");
        boolean daemon = PlainBounces.fromDaemon(from, envelope.mailFrom());
        String text = bodyText(parts);
        if (nullReversePath || daemon) {
            Classification bounce = PlainBounces.read(text, MailParts.value(header, "X-Failed-Recipients"), ownDomains,
                    ReturnedHeaders.of(ReturnedHeaders.find(parts)));
            if (bounce != null) {
                return bounce;
            }
            if (daemon) {
                return Classifications.unknown("bounce sender, no known bounce shape");
            }
        }
        if (from == null && !nullReversePath) {
            from = MailParts.address(envelope.mailFrom());
        }
        if (from == null) {
            return Classifications.unknown("no sender address");
        }
        String subject = MailParts.value(header, "Subject");
        Reply reply = new Reply(from, subject, MailParts.value(header, "In-Reply-To"), ReplyText.newText(text));
        if (toUnsubscribeMailbox(header, envelope)) {
            return replyOf(MailKind.UNSUBSCRIBE_REQUEST, "list-unsubscribe mailto", reply);
        }
        String automatic = AutoReplies.rule(header, subject, nullReversePath);
        if (automatic != null) {
            return replyOf(MailKind.AUTO_REPLY, automatic, reply);
        }
        if (ComplaintIntent.in(subject, reply.text())) {
            return replyOf(MailKind.COMPLAINT, ComplaintIntent.RULE, reply);
        }
        if (UnsubscribeIntent.inSubject(subject)) {
            return replyOf(MailKind.UNSUBSCRIBE_REQUEST, UnsubscribeIntent.SUBJECT_RULE, reply);
        }
        if (UnsubscribeIntent.inText(reply.text())) {
            return replyOf(MailKind.UNSUBSCRIBE_REQUEST, "unsubscribe intent: text", reply);
        }
        return replyOf(MailKind.HUMAN_REPLY, "human reply", reply);
    }

    private static Classification replyOf(MailKind kind, String rule, Reply reply) {
        return new Classification(kind, reply.from(), null, null, rule, null, reply, null);
    }

    /** Sent to unsubscribe@ the bounce domain: an envelope recipient or the To header says so. */
    private boolean toUnsubscribeMailbox(Header header, InboundEnvelope envelope) {
        List<String> recipients = new ArrayList<>(envelope.recipients());
        recipients.add(MailParts.rawValue(header, "To"));
        for (String recipient : recipients) {
            String address = MailParts.address(recipient);
            if (address != null && MailParts.localPart(address).equals(UNSUBSCRIBE_MAILBOX)
                    && address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT).equals(bounceDomain)) {
                return true;
            }
        }
        return false;
    }

    /** The message's first plain-text part, else its first HTML part as text; "" when it has neither. */
    private static String bodyText(List<Entity> parts) throws IOException {
        Entity html = null;
        for (Entity part : parts) {
            if ("attachment".equalsIgnoreCase(part.getDispositionType())) {
                continue;
            }
            String type = MailParts.mimeType(part);
            if (type.equals("text/plain")) {
                return MailParts.text(part);
            }
            if (type.equals("text/html") && html == null) {
                html = part;
            }
        }
        return html == null ? "" : ReplyText.htmlToText(MailParts.text(html));
    }
}
