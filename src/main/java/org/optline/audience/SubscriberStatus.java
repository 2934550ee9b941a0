package org.optline.audience;

import java.util.Locale;

/** A subscriber's overall standing with the client; only active subscribers are ever mailed. */
public enum SubscriberStatus {
    ACTIVE, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriberStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
