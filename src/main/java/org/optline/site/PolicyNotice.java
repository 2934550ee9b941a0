package org.optline.site;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.campaign.SendCounts;

/**
 * The announcement by mail of one material privacy-policy version. {@code status}:
 * {@code preparing} (the notices list is being brought up to date and the campaign made),
 * {@code sending} (the campaign started: {@code campaignStatus} and {@code delivery} say how far
 * it is), {@code nobody} (no active user or subscriber anywhere), {@code failed} ({@code note}
 * says why; {@link PolicyNotices#retry} runs it again). {@code members}: confirmed members of the
 * notices list after its refresh, {@code membersAdded} / {@code membersRemoved} what the refresh
 * changed, {@code recipients} whom the campaign was started for (the send checklist's count:
 * suppressed and unsubscribed addresses left out). Null figures were not reached.
 */
public record PolicyNotice(int version, UUID policyId, OffsetDateTime publishedAt, String status, UUID campaignId,
                           String campaignStatus, Long members, Long membersAdded, Long membersRemoved, Long recipients,
                           SendCounts delivery, String note, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
