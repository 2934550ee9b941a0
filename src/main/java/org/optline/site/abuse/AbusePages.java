package org.optline.site.abuse;

import static org.optline.site.forms.FormGuard.field;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.optline.site.forms.FieldErrors;
import org.optline.site.forms.FormGuard;
import org.optline.site.forms.References;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The site's abuse form at {@code /abuse}, "Report unsolicited email": the reporter's address,
 * the message or its headers pasted, a note. CSRF-protected; the same honeypot and per-address
 * limit as the contact form. Nothing of the visitor's address is stored.
 */
@Controller
class AbusePages {

    static final Map<String, String> LABELS = Map.of("reporterEmail", "Your email", "pasted", "The message",
            "note", "Note");

    /** The form as typed, shown again after a refusal. */
    record AbuseForm(String reporterEmail, String pasted, String note) {

        static AbuseForm of(MultiValueMap<String, String> form) {
            return new AbuseForm(field(form, "reporterEmail"), field(form, "pasted"), field(form, "note"));
        }
    }

    private final AbuseReports reports;
    private final FormGuard guard;

    AbusePages(AbuseReports reports, FormGuard guard) {
        this.reports = reports;
        this.guard = guard;
    }

    @GetMapping("/abuse")
    String initForm(Model model) {
        model.addAttribute("form", new AbuseForm("", "", ""));
        model.addAttribute("errors", Map.of());
        model.addAttribute("pasteMax", guard.limits().pasteMax());
        return "site/abuse";
    }

    @PostMapping("/abuse")
    String processForm(@RequestParam MultiValueMap<String, String> params, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        if (guard.isBot(params)) {
            // Looks accepted, reference included: a bot learns nothing, and nothing is stored or mailed.
            model.addAttribute("reference", References.next('R'));
            model.addAttribute("matched", false);
            return "site/abuse-sent";
        }
        if (!guard.withinLimit("abuse", request)) {
            return guard.tooMany(response, model,
                    "We received several reports from your network just now. Please try again in %s.");
        }
        AbuseForm form = AbuseForm.of(params);
        try {
            AbuseReports.Filed filed = reports.file(new AbuseReports.ReportInput(form.reporterEmail(), form.pasted(),
                    form.note()));
            model.addAttribute("reference", filed.reference());
            model.addAttribute("matched", filed.matched());
            return "site/abuse-sent";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("form", form);
            model.addAttribute("errors", FieldErrors.of(e, LABELS));
            model.addAttribute("error", PageErrors.sentence(e, LABELS));
            model.addAttribute("pasteMax", guard.limits().pasteMax());
            return "site/abuse";
        }
    }
}
