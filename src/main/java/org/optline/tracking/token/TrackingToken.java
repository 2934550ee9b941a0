package org.optline.tracking.token;

import java.time.Instant;
import java.util.UUID;

/**
 * What a tracking link says, signed: which campaign's message, to whom ({@code null} in anonymous
 * mode), which link ({@link #OPEN} for the open pixel), the recipient's provider group and when the
 * message was built (the scanner rules compare the hit's time with it).
 */
public record TrackingToken(UUID campaignId, UUID subscriberId, int link, ProviderGroup group, Instant sentAt) {

    /** The link number of the open pixel. */
    public static final int OPEN = -1;

    /** The highest link number a token can carry. */
    public static final int MAX_LINK = 0xFFFE;

    public boolean open() {
        return link == OPEN;
    }
}
