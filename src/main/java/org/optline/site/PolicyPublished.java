package org.optline.site;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A privacy-policy version was published; sent after its transaction commits. A material one is
 * announced by mail to every active user and subscriber, once per address.
 */
public record PolicyPublished(UUID policyId, int version, boolean material, String summary, OffsetDateTime publishedAt) {}
