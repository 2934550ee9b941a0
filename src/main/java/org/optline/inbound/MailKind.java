package org.optline.inbound;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an inbound message turned out to be; the API answers the wire name. */
public enum MailKind {
    HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE_REQUEST, AUTO_REPLY, HUMAN_REPLY, UNKNOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MailKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
