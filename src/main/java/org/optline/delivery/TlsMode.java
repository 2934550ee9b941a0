package org.optline.delivery;

import java.util.Locale;
import java.util.Optional;

/**
 * How a connection to an SMTP relay is secured: not at all, by {@code STARTTLS} after the greeting
 * (required, never opportunistic), or from the first byte (implicit TLS, SMTPS). Settings and the
 * relay API spell them in lower case; the relay table stores that spelling.
 */
public enum TlsMode {
    NONE, STARTTLS, IMPLICIT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a client typed or a row holds, in any case and with spaces around; empty if there is none such. */
    public static Optional<TlsMode> fromWire(String value) {
        for (TlsMode mode : values()) {
            if (mode.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
