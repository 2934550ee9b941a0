package org.optline.tracking;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored open or click.
 *
 * @param id            the event's own id
 * @param clientId      the client whose campaign it belongs to
 * @param campaignId    the campaign the message came from
 * @param subscriberId  the recipient, or {@code null} when the installation tracks anonymously
 * @param kind          open or click
 * @param link          the link's index in the campaign's content for a click; {@code -1} for an open
 * @param at            when the hit arrived
 * @param source        a person, or the machine class that made the hit
 * @param rule          the classification rule that decided {@code source} ({@code "human"} when none matched)
 * @param providerGroup the recipient's mailbox-provider group ({@code google}, {@code microsoft},
 *                      {@code yahoo}, or {@code other}), fixed when the message was sent
 */
public record TrackedEvent(UUID id, UUID clientId, UUID campaignId, UUID subscriberId, Kind kind, int link,
                           Instant at, Source source, String rule, String providerGroup) {

    public enum Kind { OPEN, CLICK }

    /** Who made the hit. Only {@link #HUMAN} events count as engagement, in reports and segments. */
    public enum Source {
        HUMAN, MAILBOX_PROXY, SECURITY_SCANNER;

        public boolean human() {
            return this == HUMAN;
        }
    }
}
