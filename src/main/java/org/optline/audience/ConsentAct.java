package org.optline.audience;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a line of the consent ledger records. The ledger stores, and the API answers, the wire
 * name ({@code consent_events.event}, whose check constraint lists the same names).
 */
public enum ConsentAct {
    SUBSCRIBED, CONFIRMED, IMPORTED, PREFERENCES_CHANGED, UNSUBSCRIBED, COMPLAINED, CORRECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentAct fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
