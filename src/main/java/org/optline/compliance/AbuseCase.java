package org.optline.compliance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.optline.audience.ConsentEvidence;

/**
 * One abuse case: the complaints about one client's campaign (or about its mail with no campaign
 * known), gathered while the case is not resolved.
 *
 * @param campaignName the campaign's name, null without a campaign or when it was deleted
 * @param clientNote   the warning the client reads beside its complaints, or null
 * @param ageDays      whole days since the case opened
 */
public record AbuseCase(UUID id, UUID clientId, String clientName, UUID campaignId, String campaignName, CaseState state,
                        CaseResolution resolution, Severity severity, int complaints, String clientNote,
                        OffsetDateTime openedAt, OffsetDateTime lastComplaintAt, OffsetDateTime updatedAt,
                        OffsetDateTime resolvedAt, long ageDays) {

    /** Where a complaint came from. */
    public enum Source {
        /** An ARF report from a mailbox provider's feedback loop, through the inbound module. */
        FEEDBACK_LOOP,
        /** A reply to the campaign saying it is spam or was never asked for, through the inbound module. */
        REPLY,
        /** Entered by an operator at the desk. */
        OPERATOR,
        /** The public site's abuse form. */
        ABUSE_FORM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Source fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** Who wrote in through the site's abuse form; kept apart, shown to operators only. */
    public record Reporter(String name, String email, String ip) {}

    /**
     * One complaint in a case, as the operator sees it.
     *
     * @param report   the report's fields and returned headers, or the excerpt given
     * @param reporter the abuse form's reporter, null for other sources
     */
    public record Complaint(UUID id, Source source, UUID subscriberId, String email, UUID campaignId, String feedbackType,
                            String userAgent, String report, Reporter reporter, OffsetDateTime receivedAt, boolean erased) {}

    /** A line of the case's history: a complaint coming in, a note, or a state move. */
    public record Note(UUID id, OffsetDateTime at, String author, String kind, CaseState fromState, CaseState toState,
                       CaseResolution resolution, String text) {}

    /**
     * A case with its evidence, as the operator's case page and API show it: the complaints, the
     * history, and for each subscriber complained about the consent ledger and the imports it
     * names (assembled when shown, from the audience module, so it is the ledger as it is now).
     */
    public record Detail(AbuseCase summary, List<Complaint> complaints, List<Note> notes,
                         List<ConsentEvidence.Record> evidence) {}
}
