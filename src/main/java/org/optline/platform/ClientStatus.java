package org.optline.platform;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A client's standing, with the moves between standings that are allowed. */
public enum ClientStatus {
    ACTIVE, PAUSED, SUSPENDED, TERMINATED;

    /** Whether an operator (or the standing monitor) may move a client from this status to {@code next}. */
    public boolean canMoveTo(ClientStatus next) {
        return allowedNext().contains(next);
    }

    private Set<ClientStatus> allowedNext() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(PAUSED, SUSPENDED, TERMINATED);
            case PAUSED -> EnumSet.of(ACTIVE, SUSPENDED, TERMINATED);
            case SUSPENDED -> EnumSet.of(ACTIVE, TERMINATED);
            case TERMINATED -> EnumSet.noneOf(ClientStatus.class);
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClientStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown client status " + value));
    }
}
