package org.optline.delivery;

import java.util.List;

/**
 * A captured message as its reader sees it: the header fields, the text part and the HTML part
 * (null when the message has none; the HTML is shown only in a sandboxed frame), beside the raw
 * source. {@code linkWithheld}: a subscription confirmation shown to the client it was sent for,
 * whose confirmation link is blanked out of every part and whose raw source ({@code raw}) is not
 * shown, since whoever holds the link can confirm the subscription.
 */
public record OutboxView(OutboxMessage message, List<Header> headers, String text, String html, String raw,
                         boolean linkWithheld) {

    /** One header field, unfolded and decoded. */
    public record Header(String name, String value) {}
}
