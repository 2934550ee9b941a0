package org.optline.campaign;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A campaign's life, with the moves between states that are allowed. */
public enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, PAUSED, SENT, CANCELLED;

    public boolean canMoveTo(CampaignStatus next) {
        return allowedNext().contains(next);
    }

    private Set<CampaignStatus> allowedNext() {
        return switch (this) {
            case DRAFT -> EnumSet.of(SCHEDULED, SENDING, CANCELLED);
            case SCHEDULED -> EnumSet.of(DRAFT, SENDING, CANCELLED);
            case SENDING -> EnumSet.of(PAUSED, SENT, CANCELLED);
            case PAUSED -> EnumSet.of(SENDING, CANCELLED);
            case SENT, CANCELLED -> EnumSet.noneOf(CampaignStatus.class);
        };
    }

    /** Content can be edited until sending starts. */
    public boolean editable() {
        return this == DRAFT || this == SCHEDULED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CampaignStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
