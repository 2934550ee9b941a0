package org.optline.compliance.abuse.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.optline.compliance.web.StandingJson;
import org.optline.audience.ConsentEvent;
import org.optline.audience.ConsentEvidence;
import org.optline.audience.ImportJob;
import org.optline.compliance.AbuseCase;

/** The abuse desk's JSON: a case, and a case with its evidence. Ids as strings, states by their wire names. */
final class AbuseCaseJson {

    private AbuseCaseJson() {}

    record Summary(String id, String clientId, String clientName, String campaignId, String campaignName, String state,
                   String resolution, String severity, int complaints, long ageDays, OffsetDateTime openedAt,
                   OffsetDateTime lastComplaintAt, OffsetDateTime updatedAt, OffsetDateTime resolvedAt, String clientNote) {

        static Summary of(AbuseCase c) {
            return new Summary(c.id().toString(), c.clientId().toString(), c.clientName(), str(c.campaignId()),
                    c.campaignName(), c.state().wireName(), c.resolution() == null ? null : c.resolution().wireName(),
                    c.severity().wireName(), c.complaints(), c.ageDays(), c.openedAt(), c.lastComplaintAt(), c.updatedAt(),
                    c.resolvedAt(), c.clientNote());
        }
    }

    record Reporter(String name, String email, String ip) {}

    record Complaint(String id, String source, String subscriberId, String email, String campaignId, String feedbackType,
                     String userAgent, String report, Reporter reporter, OffsetDateTime receivedAt, boolean erased) {

        static Complaint of(AbuseCase.Complaint c) {
            return new Complaint(c.id().toString(), c.source().wireName(), str(c.subscriberId()), c.email(),
                    str(c.campaignId()), c.feedbackType(), c.userAgent(), c.report(),
                    c.reporter() == null ? null : new Reporter(c.reporter().name(), c.reporter().email(), c.reporter().ip()),
                    c.receivedAt(), c.erased());
        }
    }

    record Note(String id, OffsetDateTime at, String author, String kind, String fromState, String toState,
                String resolution, String text) {

        static Note of(AbuseCase.Note n) {
            return new Note(n.id().toString(), n.at(), n.author(), n.kind(), n.fromState() == null ? null : n.fromState().wireName(),
                    n.toState() == null ? null : n.toState().wireName(), n.resolution() == null ? null : n.resolution().wireName(),
                    n.text());
        }
    }

    record Consent(OffsetDateTime at, String event, String listId, String source, String sourceId, String ip,
                   String userAgent, String text, String detail) {

        static Consent of(ConsentEvent e) {
            return new Consent(e.at(), e.event().wireName(), str(e.listId()), e.sourceKind() == null ? null : e.sourceKind().wireName(),
                    e.sourceId(), e.ip(), e.userAgent(), e.consentText(), e.detail());
        }
    }

    record Import(String id, String fileName, String fileSha256, long fileBytes, String attestation, String attestedBy,
                  String status, OffsetDateTime createdAt, OffsetDateTime startedAt) {

        static Import of(ImportJob j) {
            return new Import(j.id().toString(), j.fileName(), j.fileSha256(), j.fileBytes(), j.attestation(), j.attestedBy(),
                    j.status(), j.createdAt(), j.startedAt());
        }
    }

    /** One subscriber's consent evidence: whether they ever confirmed a double opt-in is in the ledger's events. */
    record Evidence(String subscriberId, String email, String status, boolean doubleOptIn, List<Consent> consent,
                    List<Import> imports) {

        static Evidence of(ConsentEvidence.Record r) {
            return new Evidence(r.subscriberId().toString(), r.email(), r.status().wireName(), AbuseEvidence.doubleOptIn(r),
                    r.ledger().stream().map(Consent::of).toList(), r.imports().stream().map(Import::of).toList());
        }
    }

    /** A case with its evidence and the client's current standing (its rates now, not when the case opened). */
    record Detail(Summary abuseCase, List<Complaint> complaints, List<Note> notes, List<Evidence> evidence,
                  StandingJson clientStanding) {

        static Detail of(AbuseCase.Detail d, StandingJson clientStanding) {
            return new Detail(Summary.of(d.summary()), d.complaints().stream().map(Complaint::of).toList(),
                    d.notes().stream().map(Note::of).toList(), d.evidence().stream().map(Evidence::of).toList(), clientStanding);
        }
    }

    private static String str(Object id) {
        return id == null ? null : id.toString();
    }
}
