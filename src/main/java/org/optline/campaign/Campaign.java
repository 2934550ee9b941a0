package org.optline.campaign;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A campaign: its content, its audience (lists, optionally narrowed by a segment) and its state. */
public record Campaign(UUID id, UUID clientId, String name, String subject, String preheader, String fromName,
                       String fromEmail, String replyTo, String html, String text, UUID templateId, UUID segmentId,
                       List<UUID> listIds, CampaignStatus status, OffsetDateTime scheduledAt, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt, String statusNote) {}
