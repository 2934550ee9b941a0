package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a subscriber's append-only consent ledger. */
public record ConsentEvent(long id, OffsetDateTime at, String event, UUID listId, String sourceKind, String sourceId,
                           String ip, String userAgent, String consentText, String detail) {}
