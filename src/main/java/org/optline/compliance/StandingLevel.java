package org.optline.compliance;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a client's or a campaign's rates stand against the thresholds: {@code quiet} below the
 * minimum volume (rates are shown but do not act), {@code ok}, {@code warn} (flagged for the
 * operator and the client) or {@code pause} (sending is stopped).
 */
public enum StandingLevel {
    QUIET, OK, WARN, PAUSE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StandingLevel fromWire(String value) {
        return Arrays.stream(values()).filter(l -> l.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown standing level " + value));
    }
}
