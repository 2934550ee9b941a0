package org.optline.site;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One published version of the privacy policy, as it was published and will stay.
 *
 * @param text the policy in Markdown, as its author wrote it
 * @param summary what changed, one plain line (null when the publisher gave none)
 * @param publishedBy the operator's user id; null for an API key and for the version shipped with Optline
 * @param publishedByLabel who published it, as named then
 */
public record PolicyVersion(UUID id, int version, String text, boolean material, String summary, OffsetDateTime publishedAt,
                            UUID publishedBy, String publishedByLabel) {}
