package org.optline.campaign;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where one recipient of a campaign stands in its sending, with the moves that are allowed. The
 * delivery module keeps these in its send queue under their wire names. {@code SENDING} is held by
 * a claim (a lane's lease on the row or on a range of rows) rather than written into the row: a
 * claimed row keeps the state it waits in until its batch settles.
 */
public enum SendState {
    /** Waiting for its first attempt, or, after a throttle, for its next. */
    QUEUED,
    /** In a batch a lane has claimed and not yet settled. */
    SENDING,
    SENT,
    /** Turned away for now by the receiving server: tried again later. */
    DEFERRED,
    /** Refused for good, or deferred for longer than the retry age. */
    FAILED,
    /** Not offered to the server: the address was suppressed or the person left meanwhile. */
    SUPPRESSED;

    public boolean canMoveTo(SendState next) {
        return allowedNext().contains(next);
    }

    private Set<SendState> allowedNext() {
        return switch (this) {
            case QUEUED, DEFERRED -> EnumSet.of(SENDING);
            // Back to QUEUED: throttled, or handed back unsent when the campaign stopped.
            case SENDING -> EnumSet.of(SENT, DEFERRED, FAILED, SUPPRESSED, QUEUED);
            case SENT, FAILED, SUPPRESSED -> EnumSet.noneOf(SendState.class);
        };
    }

    /** Settled for good: the recipient is never tried again. */
    public boolean isFinal() {
        return allowedNext().isEmpty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SendState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
