package org.optline.audience;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a subscriber's append-only consent ledger: what happened, and the way it reached us. */
public record ConsentEvent(long id, OffsetDateTime at, ConsentAct event, UUID listId, ConsentChannel sourceKind, String sourceId,
                           String ip, String userAgent, String consentText, String detail) {}
