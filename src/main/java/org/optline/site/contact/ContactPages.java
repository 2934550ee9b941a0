package org.optline.site.contact;

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
 * The site's contact form at {@code /contact}. CSRF-protected like every site form; a filled
 * honeypot is thanked and forgotten, and one address may post only so often (429 past that).
 * Nothing of the visitor's address is stored.
 */
@Controller
class ContactPages {

    static final Map<String, String> LABELS = Map.of("name", "Your name", "email", "Email", "company", "Company",
            "phone", "Phone", "message", "Message", "consent", "Consent");

    /** The form as typed, shown again after a refusal. */
    record ContactForm(String name, String email, String company, String phone, String message, boolean consent) {

        static ContactForm empty() {
            return new ContactForm("", "", "", "", "", false);
        }

        static ContactForm of(MultiValueMap<String, String> form) {
            return new ContactForm(field(form, "name"), field(form, "email"), field(form, "company"), field(form, "phone"),
                    field(form, "message"), form.containsKey("consent"));
        }
    }

    private final Leads leads;
    private final FormGuard guard;

    ContactPages(Leads leads, FormGuard guard) {
        this.leads = leads;
        this.guard = guard;
    }

    @GetMapping("/contact")
    String initForm(Model model) {
        model.addAttribute("form", ContactForm.empty());
        model.addAttribute("errors", Map.of());
        return "site/contact";
    }

    @PostMapping("/contact")
    String processForm(@RequestParam MultiValueMap<String, String> params, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        if (guard.isBot(params)) {
            // Identical to a real acceptance, reference included, so a bot learns nothing from the answer.
            model.addAttribute("reference", References.next('L'));
            return "site/contact-sent";
        }
        if (!guard.withinLimit("contact", request)) {
            return guard.tooMany(response, model,
                    "We received several messages from your network just now. Please try again in %s, or write to us by mail.");
        }
        ContactForm form = ContactForm.of(params);
        try {
            Lead lead = leads.submit(new Leads.ContactInput(form.name(), form.email(), form.company(), form.phone(),
                    form.message(), form.consent()));
            model.addAttribute("reference", lead.reference());
            return "site/contact-sent";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("form", form);
            model.addAttribute("errors", FieldErrors.of(e, LABELS));
            model.addAttribute("error", PageErrors.sentence(e, LABELS));
            return "site/contact";
        }
    }
}
