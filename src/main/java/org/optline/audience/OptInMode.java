package org.optline.audience;

import java.util.Locale;
import org.optline.platform.ValidationException;

/** Whether joining a list needs the subscriber to confirm by a link (double) or not (single). */
public enum OptInMode {
    SINGLE, DOUBLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OptInMode fromWire(String value) {
        if (value == null) {
            return SINGLE;
        }
        for (OptInMode m : values()) {
            if (m.wireName().equals(value)) {
                return m;
            }
        }
        throw ValidationException.of("optIn", "must be single or double");
    }
}
