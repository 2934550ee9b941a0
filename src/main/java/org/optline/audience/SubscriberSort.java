package org.optline.audience;

import java.util.Optional;

/**
 * The orders the subscribers page offers: by address, name, date added or status, each either
 * way. The wire name is what the page's {@code sort} parameter carries ({@code -created}: newest first).
 */
public enum SubscriberSort {
    EMAIL("email", false, "Email A–Z"),
    EMAIL_DESC("-email", true, "Email Z–A"),
    NAME("name", false, "Name A–Z"),
    NAME_DESC("-name", true, "Name Z–A"),
    CREATED_DESC("-created", true, "Newest first"),
    CREATED("created", false, "Oldest first"),
    STATUS("status", false, "Status A–Z"),
    STATUS_DESC("-status", true, "Status Z–A");

    /** The order when none is asked for. */
    public static final SubscriberSort DEFAULT = CREATED_DESC;

    private final String wireName;
    private final boolean descending;
    private final String label;

    SubscriberSort(String wireName, boolean descending, String label) {
        this.wireName = wireName;
        this.descending = descending;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    public boolean descending() {
        return descending;
    }

    /** The words the page shows for this order. */
    public String label() {
        return label;
    }

    /** The column sorted by, without direction: email, name, created or status. */
    public String column() {
        return wireName.startsWith("-") ? wireName.substring(1) : wireName;
    }

    /** The order named {@code value}; {@link #DEFAULT} when blank; empty when it names none. */
    public static Optional<SubscriberSort> fromWire(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT);
        }
        for (SubscriberSort s : values()) {
            if (s.wireName.equals(value.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
