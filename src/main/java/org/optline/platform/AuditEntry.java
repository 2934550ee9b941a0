package org.optline.platform;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of the append-only audit log. */
public record AuditEntry(long id, OffsetDateTime at, UUID clientId, Actor.Kind actorKind, UUID actorId,
                         String actorLabel, String action, String target, String sourceIp, String detail) {}
