package org.optline.campaign;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A campaign: its content, its audience (lists, optionally narrowed by a segment) and its state;
 * {@code tracking} says whether its messages carry tracked links and an open pixel.
 * Built by name ({@link #builder()}, {@link #toBuilder()}): eighteen fields in a row are too many
 * to read by position, and a new campaign has most of its state unset. {@code html} is always the
 * sanitised HTML that is sent; {@code source} is the Markdown it was rendered from (null in the
 * other formats).
 */
public record Campaign(UUID id, UUID clientId, String name, String subject, String preheader, String fromName,
                       String fromEmail, String replyTo, String html, String text, UUID templateId, UUID segmentId,
                       List<UUID> listIds, CampaignStatus status, OffsetDateTime scheduledAt, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt, String statusNote, boolean tracking, ContentFormat format, String source) {

    /** An empty campaign: no lists, a draft; every other field unset until named. */
    public static Builder builder() {
        return new Builder();
    }

    /** This campaign, to change some fields of. */
    public Builder toBuilder() {
        return new Builder().id(id).clientId(clientId).name(name).subject(subject).preheader(preheader).fromName(fromName)
                .fromEmail(fromEmail).replyTo(replyTo).html(html).text(text).templateId(templateId).segmentId(segmentId)
                .listIds(listIds).status(status).scheduledAt(scheduledAt).createdAt(createdAt).updatedAt(updatedAt)
                .statusNote(statusNote).tracking(tracking).format(format).source(source);
    }

    public static final class Builder {
        private UUID id;
        private UUID clientId;
        private String name;
        private String subject;
        private String preheader;
        private String fromName;
        private String fromEmail;
        private String replyTo;
        private String html;
        private String text;
        private UUID templateId;
        private UUID segmentId;
        private List<UUID> listIds = List.of();
        private CampaignStatus status = CampaignStatus.DRAFT;
        private OffsetDateTime scheduledAt;
        private OffsetDateTime createdAt;
        private OffsetDateTime updatedAt;
        private String statusNote;
        private boolean tracking = true;
        private ContentFormat format = ContentFormat.HTML;
        private String source;

        private Builder() {}

        public Builder id(UUID id) { this.id = id; return this; }
        public Builder clientId(UUID clientId) { this.clientId = clientId; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder subject(String subject) { this.subject = subject; return this; }
        public Builder preheader(String preheader) { this.preheader = preheader; return this; }
        public Builder fromName(String fromName) { this.fromName = fromName; return this; }
        public Builder fromEmail(String fromEmail) { this.fromEmail = fromEmail; return this; }
        public Builder replyTo(String replyTo) { this.replyTo = replyTo; return this; }
        public Builder html(String html) { this.html = html; return this; }
        public Builder text(String text) { this.text = text; return this; }
        public Builder templateId(UUID templateId) { this.templateId = templateId; return this; }
        public Builder segmentId(UUID segmentId) { this.segmentId = segmentId; return this; }
        public Builder listIds(List<UUID> listIds) { this.listIds = listIds; return this; }
        public Builder status(CampaignStatus status) { this.status = status; return this; }
        public Builder scheduledAt(OffsetDateTime scheduledAt) { this.scheduledAt = scheduledAt; return this; }
        public Builder createdAt(OffsetDateTime createdAt) { this.createdAt = createdAt; return this; }
        public Builder updatedAt(OffsetDateTime updatedAt) { this.updatedAt = updatedAt; return this; }
        public Builder statusNote(String statusNote) { this.statusNote = statusNote; return this; }
        public Builder tracking(boolean tracking) { this.tracking = tracking; return this; }
        public Builder format(ContentFormat format) { this.format = format; return this; }
        public Builder source(String source) { this.source = source; return this; }

        public Campaign build() {
            return new Campaign(id, clientId, name, subject, preheader, fromName, fromEmail, replyTo, html, text, templateId,
                    segmentId, listIds, status, scheduledAt, createdAt, updatedAt, statusNote, tracking, format, source);
        }
    }
}
