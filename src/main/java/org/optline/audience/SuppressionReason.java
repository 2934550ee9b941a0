package org.optline.audience;

import java.util.Locale;
import org.optline.platform.ValidationException;

/** Why an address must not be mailed. */
public enum SuppressionReason {
    UNSUBSCRIBED, BOUNCED, COMPLAINED, MANUAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SuppressionReason fromWire(String value) {
        for (SuppressionReason r : values()) {
            if (r.wireName().equals(value)) {
                return r;
            }
        }
        throw ValidationException.of("reason", "must be one of unsubscribed, bounced, complained, manual");
    }
}
