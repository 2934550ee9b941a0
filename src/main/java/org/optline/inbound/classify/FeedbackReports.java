package org.optline.inbound.classify;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification.Feedback;

/**
 * Reads a feedback-loop report (ARF, RFC 5965): the message/feedback-report part's fields,
 * parsed as header fields, and the returned message's headers. Feedback types abuse, fraud,
 * virus and other are complaints; not-spam, auth-failure and the rest are not.
 */
final class FeedbackReports {

    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "virus", "other");

    private FeedbackReports() {
    }

    static boolean isFeedbackPart(Entity part) {
        return MailParts.mimeType(part).equals("message/feedback-report");
    }

    /** Reads the report whose feedback part is {@code feedbackPart}. */
    static Classification read(Entity feedbackPart, List<Entity> parts) throws IOException {
        Header fields = MailParts.parseFields(MailParts.text(feedbackPart));
        Header returned = ReturnedHeaders.find(parts);
        String type = MailParts.value(fields, "Feedback-Type");
        if (type == null) {
            return Classifications.unknown("arf: no feedback type", ReturnedHeaders.of(returned));
        }
        type = type.toLowerCase(Locale.ROOT).split("[\\s;]", 2)[0];
        String arrival = MailParts.value(fields, "Arrival-Date");
        Feedback feedback = new Feedback(type, MailParts.value(fields, "User-Agent"), MailParts.value(fields, "Version"),
                MailParts.address(MailParts.value(fields, "Original-Rcpt-To")),
                MailParts.address(MailParts.value(fields, "Original-Mail-From")),
                arrival != null ? arrival : MailParts.value(fields, "Received-Date"),
                MailParts.value(fields, "Source-IP"));
        if (!COMPLAINTS.contains(type)) {
            return new Classification(MailKind.UNKNOWN, recipient(feedback, returned), type, null,
                    "arf: " + type + " is not a complaint", ReturnedHeaders.of(returned), null, feedback);
        }
        return new Classification(MailKind.COMPLAINT, recipient(feedback, returned), type, null, "arf: " + type,
                ReturnedHeaders.of(returned), null, feedback);
    }

    /**
     * A report declared {@code multipart/report; report-type=feedback-report} that returns the
     * message without a feedback part (some feedback loops' older shape): a "this is junk" report,
     * so a complaint of type abuse.
     */
    static Classification withoutFeedbackPart(List<Entity> parts) {
        Header returned = ReturnedHeaders.find(parts);
        if (returned == null) {
            return Classifications.unknown("arf: neither feedback part nor returned message");
        }
        Feedback feedback = new Feedback("abuse", null, null, null, null, null, null);
        return new Classification(MailKind.COMPLAINT, recipient(feedback, returned), "abuse", null,
                "arf: abuse assumed, no feedback part", ReturnedHeaders.of(returned), null, feedback);
    }

    /** Original-Rcpt-To, else the returned message's To; an address a feedback loop redacted is none. */
    private static String recipient(Feedback feedback, Header returned) {
        for (String address : new String[] {feedback.originalRcptTo(), MailParts.addressField(returned, "To")}) {
            if (address != null && !MailParts.localPart(address).equals("redacted")) {
                return address;
            }
        }
        return null;
    }
}
