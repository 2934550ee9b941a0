package org.optline.site.contact;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.optline.audience.EmailAddress;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.Cursor;
import org.optline.platform.HeaderText;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.optline.platform.ValidationException;
import org.optline.site.forms.FormLimits;
import org.optline.site.forms.References;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The contact form's leads: a visitor's message is checked field by field, stored as a new lead
 * and announced to the operator's address by mail; operators list leads by status and mark one
 * answered with a note, which the audit log keeps. Answered leads are deleted once older than the
 * forms' retention; a lead nobody answered stays until someone does.
 */
@Service
public class Leads {

    /** The consent sentence the form shows beside its checkbox; stored with each lead as it read. */
    public static final String CONSENT = "I agree that Optline may contact me about this message, as the privacy "
            + "policy (/privacy) describes.";
    static final int NAME_MAX = 200;
    static final int COMPANY_MAX = 200;
    static final int PHONE_MAX = 40;
    static final int MESSAGE_MAX = 5000;
    static final int NOTE_MAX = 4000;
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{3,40}$");

    /** The form as the visitor filled it in. */
    public record ContactInput(String name, String email, String company, String phone, String message, boolean consent) {}

    private final LeadStore store;
    private final TransactionalMail mail;
    private final AuditLog audit;
    private final TenantScope scope;
    private final Clock clock;
    private final FormLimits limits;
    private final String operatorEmail;

    Leads(LeadStore store, TransactionalMail mail, AuditLog audit, TenantScope scope, Clock clock, FormLimits limits,
          @Value("${optline.operator.email:operator@optline.local}") String operatorEmail) {
        this.store = store;
        this.mail = mail;
        this.audit = audit;
        this.scope = scope;
        this.clock = clock;
        this.limits = limits;
        this.operatorEmail = operatorEmail;
    }

    /** Checks every field (all problems at once), stores the lead and mails the operator. */
    public Lead submit(ContactInput in) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        String name = text("name", in.name(), NAME_MAX, true, errors);
        String email = email(in.email(), errors);
        String company = text("company", in.company(), COMPANY_MAX, true, errors);
        String phone = text("phone", in.phone(), PHONE_MAX, false, errors);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add(new ValidationException.FieldError("phone", "may hold only digits, spaces and + ( ) - . /"));
        }
        String message = text("message", in.message(), MESSAGE_MAX, true, errors);
        if (!in.consent()) {
            errors.add(new ValidationException.FieldError("consent", "Please agree that we may contact you, or we cannot answer."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Lead lead = new Lead(UUID.randomUUID(), References.next('L'), name, email, company, phone, message, CONSENT,
                Lead.NEW, Times.now(clock), null, null, null);
        scope.asPlatform(() -> store.insert(lead));
        mail.send(new TransactionalMail.Message(null, "site-lead", "Optline site", operatorEmail,
                HeaderText.oneLine("New contact " + lead.reference() + ": " + company), notification(lead), null));
        return lead;
    }

    /** Leads newest first, of one status ({@code new}, {@code answered}) or all (null or blank). */
    public Page<Lead> page(Actor actor, String status, String cursor, Integer limit) {
        actor.requireOperator();
        String chosen = status(status);
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<Lead> rows = scope.asPlatform(() -> store.page(chosen, after, size + 1));
        List<Lead> shown = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? new Cursor(shown.get(size - 1).createdAt(), shown.get(size - 1).id()).encode() : null;
        return new Page<>(List.copyOf(shown), next);
    }

    public Lead get(Actor actor, UUID id) {
        actor.requireOperator();
        return scope.asPlatform(() -> store.find(id)).orElseThrow(() -> notFound(id));
    }

    /** Marks a new lead answered by the acting operator; answering one twice is a conflict. */
    public Lead markAnswered(Actor actor, UUID id, String note) {
        actor.requireOperator();
        String kept = TextFields.optional("note", note, NOTE_MAX);
        Lead lead = get(actor, id);
        if (lead.answered()) {
            throw new ConflictException("Lead " + lead.reference() + " was answered already by " + lead.answeredBy() + ".");
        }
        OffsetDateTime now = Times.now(clock);
        if (!scope.asPlatform(() -> store.answer(id, now, actor.label(), kept))) {
            throw new ConflictException("Lead " + lead.reference() + " was answered meanwhile; reload it.");
        }
        audit.record(actor, null, "site-lead.answered", "site-lead:" + id, kept == null ? lead.reference()
                : lead.reference() + ": " + kept);
        return get(actor, id);
    }

    /** Deletes answered leads older than the retention, daily. */
    @Scheduled(fixedDelayString = "PT24H", initialDelayString = "PT1H")
    public void purgeOld() {
        OffsetDateTime before = Times.now(clock).minus(limits.retention());
        scope.asPlatform(() -> store.purge(before));
    }

    private static String notification(Lead lead) {
        return """
                A visitor wrote through the contact form.

                Reference: %s
                Name:      %s
                Email:     %s
                Company:   %s
                Phone:     %s

                %s

                Answer them by mail, then mark the lead answered in the operator console (Leads).
                """.formatted(lead.reference(), lead.name(), lead.email(), lead.company(),
                lead.phone() == null ? "-" : lead.phone(), lead.message());
    }

    static String status(String raw) {
        if (raw == null || raw.isBlank() || raw.strip().equals("all")) {
            return null;
        }
        String s = raw.strip();
        if (!s.equals(Lead.NEW) && !s.equals(Lead.ANSWERED)) {
            throw ValidationException.of("status", "must be one of new, answered, all");
        }
        return s;
    }

    private static String email(String raw, List<ValidationException.FieldError> errors) {
        EmailAddress.Parse parse = EmailAddress.parse(raw);
        if (!parse.ok()) {
            errors.add(new ValidationException.FieldError("email", parse.error()));
            return null;
        }
        return parse.address().value();
    }

    static String text(String field, String raw, int max, boolean required, List<ValidationException.FieldError> errors) {
        if (raw != null && raw.indexOf('\u0000') >= 0) {
            errors.add(new ValidationException.FieldError(field, "must not contain NUL characters"));
            return null;
        }
        return TextFields.collect(field, raw, max, required, errors);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No lead " + id);
    }
}
