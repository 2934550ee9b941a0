package org.optline.compliance.abuse;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.compliance.AbuseCase;
import org.optline.compliance.Severity;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Times;
import org.springframework.stereotype.Component;

/**
 * Every complaint opens or joins a case: the client's unresolved case for the campaign (or for
 * its mail without a campaign), whose count and severity it then updates. Runs inside the
 * caller's client transaction, so the complaint, its case and the audit line commit together
 * with whatever recorded the complaint.
 */
@Component
public class CaseIntake {

    /** A complaint as it arrives, from any source. */
    public record Incoming(UUID clientId, UUID campaignId, UUID subscriberId, String email, AbuseCase.Source source,
                           String feedbackType, String userAgent, String report, AbuseCase.Reporter reporter,
                           OffsetDateTime receivedAt) {}

    /** The case the complaint ended in, and the complaint's id. */
    public record Filed(UUID caseId, UUID complaintId, boolean opened) {}

    private final AbuseCaseStore store;
    private final AuditLog audit;
    private final Clock clock;

    CaseIntake(AbuseCaseStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Files the complaint; the caller holds the client's scope. */
    public Filed file(Actor actor, Incoming in) {
        OffsetDateTime now = Times.now(clock);
        AbuseCaseStore.CaseRow kase = store.openOrFind(in.clientId(), in.campaignId(), now);
        boolean opened = kase.complaints() == 0;
        UUID complaintId = UUID.randomUUID();
        store.insert(new AbuseCaseStore.NewComplaint(complaintId, in.clientId(), kase.id(), in.source(), in.subscriberId(),
                in.email(), in.campaignId(), in.feedbackType(), in.userAgent(), in.report(), in.reporter(), in.receivedAt()));
        AbuseCaseStore.Figures f = store.figures(in.clientId(), kase.id());
        store.setFigures(in.clientId(), kase.id(), f.complaints(), Severity.of(f.complaints(), f.fraudOrVirus(), f.byPerson()),
                f.lastAt(), now);
        String what = in.source().wireName().replace('_', ' ') + " complaint (" + in.feedbackType() + ")"
                + (in.email() == null ? "" : " about " + in.email());
        store.insertNote(in.clientId(), kase.id(), new AbuseCase.Note(UUID.randomUUID(), now, actor.label(),
                opened ? "opened" : "joined", null, null, null, what));
        audit.record(actor, in.clientId(), opened ? "abuse-case.opened" : "abuse-case.joined", "abuse-case:" + kase.id(),
                in.source().wireName() + " " + in.feedbackType() + ", complaint " + complaintId);
        return new Filed(kase.id(), complaintId, opened);
    }
}
