package org.optline.site.abuse;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A report through the site's abuse form as the site keeps it: the reporter's address and note,
 * the paste, and whether it named a sender here ({@code matched}, with the case it opened or
 * joined) or not ({@code unmatched}, for an operator to read).
 */
public record AbuseReport(UUID id, String reference, String reporterEmail, String note, String pasted, String outcome,
                          UUID clientId, UUID campaignId, UUID caseId, String matchedBy, OffsetDateTime createdAt) {

    public static final String MATCHED = "matched";
    public static final String UNMATCHED = "unmatched";

    public boolean matched() {
        return MATCHED.equals(outcome);
    }
}
