package org.optline.platform;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A client's standing, with the moves between standings that are allowed and what each permits:
 * <ul>
 * <li>{@code active}: everything;</li>
 * <li>{@code paused}: sending is held (campaigns and test messages), work on the data goes on;</li>
 * <li>{@code suspended}: read-only: data can be read and exported, nothing is changed or sent,
 * public forms take no sign-ups; logins and keys still work;</li>
 * <li>{@code terminated}: no login, no API key, nothing.</li>
 * </ul>
 * {@link Clients#standing} reads it and {@link Clients#requireMayWrite} / {@link Clients#requireMaySend}
 * are what every writer and sender asks.
 */
public enum ClientStatus {
    ACTIVE, PAUSED, SUSPENDED, TERMINATED;

    /** Whether the client's campaigns and test messages may go out. */
    public boolean maySend() {
        return this == ACTIVE;
    }

    /** Whether the client may change its data, through the API, the UI or its public sign-up forms. */
    public boolean mayWrite() {
        return this == ACTIVE || this == PAUSED;
    }

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
