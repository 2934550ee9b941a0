package org.optline.inbound.classify;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.optline.inbound.classify.Classification.Returned;

/**
 * Finds the headers of the message a report returned: a message/rfc822 (or message/global)
 * part, or only its headers in text/rfc822-headers (or the message/rfc822-headers some MTAs
 * write), whichever comes first.
 */
final class ReturnedHeaders {

    private static final Set<String> TYPES = Set.of("message/rfc822", "message/global", "text/rfc822-headers",
            "message/rfc822-headers", "message/global-headers");

    private ReturnedHeaders() {
    }

    /** The returned message's headers, or null when the report returned none. */
    static Header find(List<Entity> parts) {
        for (Entity part : parts) {
            if (TYPES.contains(MailParts.mimeType(part))) {
                try {
                    Header header = MailParts.parseFields(part.getBody());
                    if (header != null && !header.getFields().isEmpty()) {
                        return header;
                    }
                } catch (IOException | RuntimeException e) {
                    // A part too garbled to read is no evidence; try the next one.
                }
            }
        }
        return null;
    }

    static Returned of(Header header) {
        if (header == null) {
            return null;
        }
        return new Returned(MailParts.value(header, "Message-ID"), MailParts.value(header, "Return-Path"),
                MailParts.value(header, "To"), MailParts.value(header, "List-Unsubscribe"),
                MailParts.value(header, "Feedback-ID"));
    }
}
