package org.optline.inbound.actions;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.inbound.classify.InboundEnvelope;

/** One accepted message as the inbound store holds it: its id, when it came, its envelope and bytes. */
public record StoredMail(UUID id, OffsetDateTime receivedAt, InboundEnvelope envelope, byte[] raw) {}
