package org.optline.audience;

import java.util.Locale;

/** A subscriber's status on one list. */
public enum MembershipStatus {
    UNCONFIRMED, CONFIRMED, UNSUBSCRIBED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MembershipStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
