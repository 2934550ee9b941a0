package org.optline.platform.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditFilter;
import org.optline.platform.AuditLog;
import org.optline.platform.Page;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for operators, narrowed on the server by who acted, the action, a range of days
 * (UTC) and the client, a page at a time; the filter form keeps what was typed, a bad value included.
 */
@Controller
class AuditPage {

    /** The form as it was sent, every field as text, so that a refused value is shown back as typed. */
    record Form(String actor, String action, String from, String to, String client) {}

    /** The form's words for its fields. */
    private static final Map<String, String> LABELS = Map.of("actor", "Who", "action", "Action", "from", "From",
            "to", "To", "client", "Client");

    private final AuditLog audit;

    AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/operator/audit")
    String show(Actor actor, Form form, @RequestParam(required = false) String cursor, Model model) {
        actor.requireOperator();
        model.addAttribute("form", form);
        try {
            model.addAttribute("page", audit.search(actor, filter(form), cursor, 100));
        } catch (ValidationException e) {
            model.addAttribute("page", new Page<>(List.of(), null));
            model.addAttribute("error", PageErrors.sentence(e, LABELS));
        }
        return "platform/audit";
    }

    /** The filter from the form, every value that cannot be read told at once. */
    private static AuditFilter filter(Form form) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        LocalDate from = date("from", form.from(), errors);
        LocalDate to = date("to", form.to(), errors);
        UUID client = null;
        if (form.client() != null && !form.client().isBlank()) {
            try {
                client = UUID.fromString(form.client().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationException.FieldError("client", "must be a client id as shown on the client's page"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AuditFilter(form.actor(), form.action(), from, to, client);
    }

    private static LocalDate date(String field, String raw, List<ValidationException.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            errors.add(new ValidationException.FieldError(field, "must be a date like 2026-12-31"));
            return null;
        }
    }
}
