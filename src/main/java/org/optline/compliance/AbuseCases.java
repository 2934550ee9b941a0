package org.optline.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.ConsentEvidence;
import org.optline.audience.EmailAddress;
import org.optline.campaign.Campaigns;
import org.optline.compliance.abuse.AbuseCaseStore;
import org.optline.compliance.abuse.CaseIntake;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.Cursor;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * The operator's abuse desk: complaints entered by operators or sent through the site's abuse
 * form (feedback-loop complaints arrive from the inbound module by themselves) open or join a
 * case per client and campaign; operators list cases by severity and age, read one with its
 * evidence, add notes, and move it from open through investigating to resolved, every step in
 * the audit log. Resolving as client suspended or terminated changes the client's standing.
 */
@Service
public class AbuseCases {

    /** The feedback types a complaint may carry (RFC 5965's complaint types). */
    public static final Set<String> FEEDBACK_TYPES = Set.of("abuse", "fraud", "virus", "other");
    static final int REPORT_MAX = 8000;
    static final int NOTE_MAX = 4000;

    /** The desk's filters, as the request gives them; each may be null. */
    public record Filter(String state, UUID clientId, String severity) {
        public static Filter none() {
            return new Filter(null, null, null);
        }
    }

    /** A complaint an operator enters: about which client (and campaign), which address, and what was reported. */
    public record OperatorReport(UUID clientId, UUID campaignId, String email, String feedbackType, String report) {}

    /**
     * A complaint from the public site's abuse form: the client and campaign the site read from
     * the message, the address that received it, the reporter's words, and the reporter's own
     * contact, which is kept apart and shown to operators only.
     */
    public record SiteReport(UUID clientId, UUID campaignId, String email, String text, AbuseCase.Reporter reporter) {}

    /** A move of a case: the next state, the resolution when resolving, and the note that says why. */
    public record StateChange(String state, String resolution, String note) {}

    private final AbuseCaseStore store;
    private final CaseIntake intake;
    private final ConsentEvidence evidence;
    private final Campaigns campaigns;
    private final Clients clients;
    private final AuditLog audit;
    private final TenantScope scope;
    private final Clock clock;

    AbuseCases(AbuseCaseStore store, CaseIntake intake, ConsentEvidence evidence, Campaigns campaigns, Clients clients,
               AuditLog audit, TenantScope scope, Clock clock) {
        this.store = store;
        this.intake = intake;
        this.evidence = evidence;
        this.campaigns = campaigns;
        this.clients = clients;
        this.audit = audit;
        this.scope = scope;
        this.clock = clock;
    }

    /** The desk's cases, most severe first and within a severity the oldest first; operators only. */
    public Page<AbuseCase> page(Actor actor, Filter filter, String cursor, Integer limit) {
        actor.requireOperator();
        CaseState state = filter.state() == null || filter.state().isBlank() ? null : CaseState.fromWire(filter.state())
                .orElseThrow(() -> ValidationException.of("state", "must be one of open, investigating, resolved"));
        Severity severity = filter.severity() == null || filter.severity().isBlank() ? null
                : Severity.fromWire(filter.severity()).orElseThrow(() -> ValidationException.of("severity",
                        "must be one of low, medium, high"));
        int size = Cursor.limit(limit);
        AbuseCaseStore.DeskCursor after = AbuseCaseStore.DeskCursor.decode(cursor);
        List<AbuseCaseStore.CaseRow> rows = scope.asPlatform(() -> store.deskPage(state, filter.clientId(), severity, after,
                size + 1));
        List<AbuseCaseStore.CaseRow> shown = rows.size() > size ? rows.subList(0, size) : rows;
        List<AbuseCase> items = withNames(actor, shown);
        String next = null;
        if (rows.size() > size) {
            AbuseCaseStore.CaseRow last = shown.get(shown.size() - 1);
            next = new AbuseCaseStore.DeskCursor(last.severity().rank(), last.openedAt(), last.id()).encode();
        }
        return new Page<>(items, next);
    }

    /** One case with its complaints, history and the consent evidence of each subscriber complained about. */
    public AbuseCase.Detail get(Actor actor, UUID id) {
        actor.requireOperator();
        UUID clientId = clientOf(id);
        AbuseCaseStore.CaseRow row = scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> notFound(id));
        AbuseCase summary = withNames(actor, List.of(row)).get(0);
        return scope.inClient(clientId, () -> {
            List<AbuseCase.Complaint> complaints = store.complaints(clientId, id);
            Set<UUID> people = new LinkedHashSet<>();
            complaints.stream().map(AbuseCase.Complaint::subscriberId).filter(Objects::nonNull).forEach(people::add);
            List<ConsentEvidence.Record> records = new ArrayList<>();
            people.forEach(p -> evidence.of(clientId, p).ifPresent(records::add));
            return new AbuseCase.Detail(summary, complaints, store.notes(clientId, id), List.copyOf(records));
        });
    }

    /** An operator's entry: a complaint that reached the platform by other ways (mail to abuse@, a phone call). */
    public AbuseCase report(Actor actor, OperatorReport in) {
        actor.requireOperator();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        if (in.clientId() == null) {
            errors.add(new ValidationException.FieldError("clientId", "is required"));
        } else if (clients.profile(in.clientId()).isEmpty()) {
            errors.add(new ValidationException.FieldError("clientId", "is not a client"));
        }
        String email = email("email", in.email(), errors);
        String type = in.feedbackType() == null || in.feedbackType().isBlank() ? "abuse" : in.feedbackType().strip();
        if (!FEEDBACK_TYPES.contains(type)) {
            errors.add(new ValidationException.FieldError("feedbackType", "must be one of abuse, fraud, virus, other"));
        }
        String report = TextFields.collect("report", in.report(), REPORT_MAX, true, errors);
        if (errors.isEmpty()) {
            campaign(in.clientId(), in.campaignId(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        CaseIntake.Filed filed = file(actor, in.clientId(), in.campaignId(), email, AbuseCase.Source.OPERATOR, type, report,
                null);
        return get(actor, filed.caseId()).summary();
    }

    /**
     * A report from the public site's abuse form. No user is behind it: the site has checked
     * its rate limits and read the client and campaign from the message the visitor pasted.
     * Answers the case the report joined.
     */
    public UUID reportFromSite(SiteReport in) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        if (in.clientId() == null || clients.profile(in.clientId()).isEmpty()) {
            errors.add(new ValidationException.FieldError("clientId", "does not name a sender here"));
        }
        String email = email("email", in.email(), errors);
        String text = TextFields.collect("text", in.text(), REPORT_MAX, true, errors);
        AbuseCase.Reporter given = in.reporter() == null ? new AbuseCase.Reporter(null, null, null) : in.reporter();
        String name = TextFields.collect("reporterName", given.name(), 200, false, errors);
        String reporterEmail = given.email() == null || given.email().isBlank() ? null : email("reporterEmail", given.email(), errors);
        String ip = given.ip() == null ? null : given.ip().length() > 64 ? given.ip().substring(0, 64) : given.ip();
        if (errors.isEmpty()) {
            campaign(in.clientId(), in.campaignId(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return file(Actor.system("site abuse form"), in.clientId(), in.campaignId(), email, AbuseCase.Source.ABUSE_FORM,
                "abuse", text, new AbuseCase.Reporter(name, reporterEmail, ip)).caseId();
    }

    /** Adds an operator's note to a case. */
    public AbuseCase.Note addNote(Actor actor, UUID id, String text) {
        actor.requireOperator();
        String note = TextFields.required("text", text, NOTE_MAX);
        UUID clientId = clientOf(id);
        return scope.inClient(clientId, () -> {
            store.find(clientId, id).orElseThrow(() -> notFound(id));
            AbuseCase.Note n = new AbuseCase.Note(UUID.randomUUID(), Times.now(clock), actor.label(), "note", null, null,
                    null, note);
            store.insertNote(clientId, id, n);
            audit.record(actor, clientId, "abuse-case.noted", "abuse-case:" + id, note);
            return n;
        });
    }

    /**
     * Moves a case. Resolving it as client suspended or terminated first changes the client's
     * standing (in its own transaction, as the platform does every standing change); a refused
     * change (a terminated client cannot be suspended) leaves the case as it was.
     */
    public AbuseCase changeState(Actor actor, UUID id, StateChange change) {
        actor.requireOperator();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        CaseState next = change.state() == null ? null : CaseState.fromWire(change.state().strip()).orElse(null);
        if (next == null) {
            errors.add(new ValidationException.FieldError("state", "must be one of open, investigating, resolved"));
        }
        CaseResolution resolution = null;
        boolean hasResolution = change.resolution() != null && !change.resolution().isBlank();
        if (next == CaseState.RESOLVED) {
            resolution = hasResolution ? CaseResolution.fromWire(change.resolution().strip()).orElse(null) : null;
            if (resolution == null) {
                errors.add(new ValidationException.FieldError("resolution",
                        "must be one of no_action, client_warned, client_suspended, client_terminated"));
            }
        } else if (hasResolution) {
            errors.add(new ValidationException.FieldError("resolution", "is given only when the state is resolved"));
        }
        String note = TextFields.collect("note", change.note(), NOTE_MAX, true, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        UUID clientId = clientOf(id);
        AbuseCaseStore.CaseRow row = scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> notFound(id));
        if (!row.state().canMoveTo(next)) {
            throw new ConflictException(row.state() == next ? "The case is already " + next.wireName() + "."
                    : "A " + row.state().wireName() + " case cannot become " + next.wireName() + ".");
        }
        CaseResolution chosen = resolution;
        if (chosen != null && chosen.standing() != null) {
            clients.changeStatus(actor, clientId, chosen.standing(), "abuse case " + id + ": " + note);
        }
        OffsetDateTime now = Times.now(clock);
        scope.inClient(clientId, () -> {
            if (!store.move(clientId, id, row.state(), next, chosen, chosen == CaseResolution.CLIENT_WARNED ? note : null, now)) {
                throw new ConflictException("The case changed meanwhile; reload it and try again.");
            }
            store.insertNote(clientId, id, new AbuseCase.Note(UUID.randomUUID(), now, actor.label(), "state", row.state(), next,
                    chosen, note));
            audit.record(actor, clientId, "abuse-case." + next.wireName(), "abuse-case:" + id,
                    row.state().wireName() + " -> " + next.wireName() + (chosen == null ? "" : " (" + chosen.wireName() + ")")
                            + ": " + note);
        });
        return get(actor, id).summary();
    }

    private CaseIntake.Filed file(Actor actor, UUID clientId, UUID campaignId, String email, AbuseCase.Source source,
                                  String type, String report, AbuseCase.Reporter reporter) {
        UUID subscriberId = evidence.subscriberWithEmail(clientId, email).orElse(null);
        return scope.inClient(clientId, () -> intake.file(actor, new CaseIntake.Incoming(clientId, campaignId, subscriberId,
                email, source, type, null, report, reporter, Times.now(clock))));
    }

    private UUID clientOf(UUID id) {
        return scope.asPlatform(() -> store.clientOf(id)).orElseThrow(() -> notFound(id));
    }

    private void campaign(UUID clientId, UUID campaignId, List<ValidationException.FieldError> errors) {
        if (campaignId != null && campaigns.find(clientId, campaignId).isEmpty()) {
            errors.add(new ValidationException.FieldError("campaignId", "is not a campaign of this client"));
        }
    }

    private List<AbuseCase> withNames(Actor actor, List<AbuseCaseStore.CaseRow> rows) {
        Map<UUID, String> clientNames = new HashMap<>();
        Map<UUID, Set<UUID>> campaignsByClient = new HashMap<>();
        for (AbuseCaseStore.CaseRow r : rows) {
            clientNames.computeIfAbsent(r.clientId(), c -> clients.profile(c).map(Client::name).orElse(null));
            if (r.campaignId() != null) {
                campaignsByClient.computeIfAbsent(r.clientId(), c -> new LinkedHashSet<>()).add(r.campaignId());
            }
        }
        Map<UUID, String> campaignNames = new HashMap<>();
        campaignsByClient.forEach((client, ids) -> campaignNames.putAll(campaigns.names(client, ids)));
        OffsetDateTime now = Times.now(clock);
        return rows.stream().map(r -> new AbuseCase(r.id(), r.clientId(), clientNames.get(r.clientId()), r.campaignId(),
                r.campaignId() == null ? null : campaignNames.get(r.campaignId()), r.state(), r.resolution(), r.severity(),
                r.complaints(), r.clientNote(), r.openedAt(), r.lastComplaintAt(), r.updatedAt(), r.resolvedAt(),
                Math.max(0, Duration.between(r.openedAt(), now).toDays()))).toList();
    }

    private static String email(String field, String raw, List<ValidationException.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new ValidationException.FieldError(field, "is required"));
            return null;
        }
        EmailAddress.Parse parse = EmailAddress.parse(raw);
        if (!parse.ok()) {
            errors.add(new ValidationException.FieldError(field, "is not an email address"));
            return null;
        }
        return parse.address().value();
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No abuse case " + id);
    }
}
