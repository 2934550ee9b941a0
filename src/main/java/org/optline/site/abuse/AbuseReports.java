package org.optline.site.abuse;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.EmailAddress;
import org.optline.audience.Subscriber;
import org.optline.audience.Subscribers;
import org.optline.compliance.AbuseCase;
import org.optline.compliance.AbuseCases;
import org.optline.platform.Actor;
import org.optline.platform.Cursor;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.optline.platform.ValidationException;
import org.optline.site.forms.FormLimits;
import org.optline.site.forms.References;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Reports of unsolicited mail through the site's abuse form. The paste is read for the pieces
 * this installation signs ({@link PastedMessage}, {@link SenderFinder}); when one names a sender,
 * the report opens or joins that client's abuse case through the compliance module, else it is
 * kept as unmatched for an operator. Either way the reporter gets a reference on the page and
 * in a receipt mail, which holds nothing of what was pasted (the form must not relay text to an
 * address someone typed). Reports are deleted once older than the forms' retention.
 */
@Service
public class AbuseReports {

    static final int NOTE_MAX = 2000;
    /** The complaint's text at the desk holds at most this much of the paste (AbuseCases keeps 8000 characters). */
    private static final int CASE_TEXT_MAX = 8000;

    /** The form as the visitor filled it in. */
    public record ReportInput(String reporterEmail, String pasted, String note) {}

    /** What the visitor is told: the reference, and whether the sender was found. */
    public record Filed(UUID id, String reference, boolean matched) {}

    private final AbuseReportStore store;
    private final SenderFinder finder;
    private final AbuseCases cases;
    private final Subscribers subscribers;
    private final TransactionalMail mail;
    private final TenantScope scope;
    private final Clock clock;
    private final FormLimits limits;

    AbuseReports(AbuseReportStore store, SenderFinder finder, AbuseCases cases, Subscribers subscribers,
                 TransactionalMail mail, TenantScope scope, Clock clock, FormLimits limits) {
        this.store = store;
        this.finder = finder;
        this.cases = cases;
        this.subscribers = subscribers;
        this.mail = mail;
        this.scope = scope;
        this.clock = clock;
        this.limits = limits;
    }

    public Filed file(ReportInput in) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        EmailAddress.Parse reporter = EmailAddress.parse(in.reporterEmail());
        if (!reporter.ok()) {
            errors.add(new ValidationException.FieldError("reporterEmail", reporter.error()));
        }
        String pasted = in.pasted() == null ? "" : in.pasted().strip();
        if (pasted.isEmpty()) {
            errors.add(new ValidationException.FieldError("pasted", "is required: paste the message, or at least its headers"));
        } else if (pasted.length() > limits.pasteMax()) {
            errors.add(new ValidationException.FieldError("pasted", TextFields.tooLong(limits.pasteMax())
                    + "; paste the headers and the part with the links"));
        } else if (pasted.indexOf('\u0000') >= 0) {
            errors.add(new ValidationException.FieldError("pasted", "must not contain NUL characters"));
        }
        String note = in.note() == null || in.note().isBlank() ? null : in.note().strip();
        if (note != null && note.length() > NOTE_MAX) {
            errors.add(new ValidationException.FieldError("note", TextFields.tooLong(NOTE_MAX)));
        } else if (note != null && note.indexOf('\u0000') >= 0) {
            errors.add(new ValidationException.FieldError("note", "must not contain NUL characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String reporterEmail = reporter.address().value();
        String reference = References.next('R');
        OffsetDateTime now = Times.now(clock);
        PastedMessage.Evidence evidence = PastedMessage.read(pasted);
        Optional<SenderFinder.Sender> sender = finder.find(evidence);
        UUID caseId = null;
        if (sender.isPresent()) {
            SenderFinder.Sender s = sender.get();
            String recipient = recipient(s, evidence, reporterEmail);
            try {
                caseId = cases.reportFromSite(new AbuseCases.SiteReport(s.clientId(), s.campaignId(), recipient,
                        caseText(reference, s.via(), note, pasted), new AbuseCase.Reporter(null, reporterEmail, null)));
            } catch (ValidationException gone) {
                // The client or campaign was deleted since the mail went out: an operator reads it as unmatched.
                sender = Optional.empty();
            }
        }
        SenderFinder.Sender s = sender.orElse(null);
        AbuseReport report = new AbuseReport(UUID.randomUUID(), reference, reporterEmail, note, pasted,
                s == null ? AbuseReport.UNMATCHED : AbuseReport.MATCHED, s == null ? null : s.clientId(),
                s == null ? null : s.campaignId(), caseId, s == null ? null : s.via(), now);
        scope.asPlatform(() -> store.insert(report));
        mail.send(new TransactionalMail.Message(null, "site-abuse-receipt", "Optline abuse desk", reporterEmail,
                "Your report " + reference + " reached Optline", receipt(reference, s != null), null));
        return new Filed(report.id(), reference, s != null);
    }

    /** Reports newest first, of one outcome ({@code matched}, {@code unmatched}) or all (null or blank). */
    public Page<AbuseReport> page(Actor actor, String outcome, String cursor, Integer limit) {
        actor.requireOperator();
        String chosen = outcome(outcome);
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<AbuseReport> rows = scope.asPlatform(() -> store.page(chosen, after, size + 1));
        List<AbuseReport> shown = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? new Cursor(shown.get(size - 1).createdAt(), shown.get(size - 1).id()).encode() : null;
        return new Page<>(List.copyOf(shown), next);
    }

    public AbuseReport get(Actor actor, UUID id) {
        actor.requireOperator();
        return scope.asPlatform(() -> store.find(id)).orElseThrow(() -> new NotFoundException("No abuse report " + id));
    }

    /** Deletes reports older than the retention, daily; the cases they joined keep their complaints. */
    @Scheduled(fixedDelayString = "PT24H", initialDelayString = "PT1H")
    public void purgeOld() {
        OffsetDateTime before = Times.now(clock).minus(limits.retention());
        scope.asPlatform(() -> store.purge(before));
    }

    static String outcome(String raw) {
        if (raw == null || raw.isBlank() || raw.strip().equals("all")) {
            return null;
        }
        String s = raw.strip();
        if (!s.equals(AbuseReport.MATCHED) && !s.equals(AbuseReport.UNMATCHED)) {
            throw ValidationException.of("outcome", "must be one of matched, unmatched, all");
        }
        return s;
    }

    /** Who received the message: the subscriber the signed piece names, else the paste's To header, else the reporter. */
    private String recipient(SenderFinder.Sender s, PastedMessage.Evidence evidence, String reporterEmail) {
        if (s.subscriberId() != null) {
            Optional<String> email = subscribers.find(s.clientId(), s.subscriberId()).map(Subscriber::email);
            if (email.isPresent()) {
                return email.get();
            }
        }
        if (evidence.recipient() != null && EmailAddress.parse(evidence.recipient()).ok()) {
            return EmailAddress.parse(evidence.recipient()).address().value();
        }
        return reporterEmail;
    }

    private static String caseText(String reference, String via, String note, String pasted) {
        String head = "Site report " + reference + ", matched by its " + via + ".\n"
                + (note == null ? "" : "Reporter's note: " + note + "\n") + "\nPasted:\n";
        int room = CASE_TEXT_MAX - head.length();
        return head + (pasted.length() <= room ? pasted : pasted.substring(0, Math.max(0, room - 20)) + "\n[… cut here]");
    }

    private static String receipt(String reference, boolean matched) {
        return """
                Thank you for reporting a message you did not ask for. Your reference is %s.

                %s

                We do not pass your address to the sender. If you did not send this report, you can ignore this message.
                """.formatted(reference, matched
                ? "The message was sent through Optline, and your report has been added to the case about its sender. "
                  + "The abuse desk reviews it; a sender who mails people without their permission is paused or removed."
                : "We could not tell from what you pasted which of our clients sent the message; it may not have been "
                  + "sent through Optline. A person at the abuse desk reads your report.");
    }
}
