package org.optline.audience.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.optline.audience.CustomField;
import org.optline.audience.CustomFields;
import org.optline.audience.Suppressions;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The custom fields pages (list, add, edit a field's label and whether subscribers may edit it) and the suppression list page. */
@Controller
class FieldsAndSuppressionPages {

    private final CustomFields fields;
    private final Suppressions suppressions;

    FieldsAndSuppressionPages(CustomFields fields, Suppressions suppressions) {
        this.fields = fields;
        this.suppressions = suppressions;
    }

    @GetMapping("/audience/fields")
    String fields(Actor actor, Model model) {
        model.addAttribute("fields", fields.list(actor));
        return "audience/fields";
    }

    @PostMapping("/audience/fields")
    String processCreateField(Actor actor, @RequestParam String key, @RequestParam(required = false) String label,
                              @RequestParam String type, @RequestParam(defaultValue = "false") boolean subscriberEditable,
                              RedirectAttributes redirect) {
        try {
            var field = fields.create(actor, key, label, type, subscriberEditable);
            redirect.addFlashAttribute("notice", "Added the field " + field.label() + ".");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/audience/fields";
    }

    @GetMapping("/audience/fields/{id}")
    String initEditField(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("field", field(actor, id));
        return "audience/field";
    }

    /** Saves a field's label and whether subscribers see and edit it; a refused label leaves the page as typed. */
    @PostMapping("/audience/fields/{id}")
    String processEditField(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String label,
                            @RequestParam(defaultValue = "false") boolean subscriberEditable, Model model,
                            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            var field = fields.change(actor, id, label == null ? "" : label, subscriberEditable);
            redirect.addFlashAttribute("notice", "Saved the field " + field.label() + ".");
            return "redirect:/audience/fields";
        } catch (ValidationException e) {
            CustomField current = field(actor, id);
            response.setStatus(400);
            model.addAttribute("field", new CustomField(current.id(), current.clientId(), current.key(), label, current.type(),
                    current.slot(), current.createdAt(), subscriberEditable));
            model.addAttribute("error", PageErrors.sentence(e));
            return "audience/field";
        }
    }

    private CustomField field(Actor actor, UUID id) {
        return fields.list(actor).stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("No field " + id));
    }

    @GetMapping("/audience/suppressions")
    String suppressions(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", suppressions.page(actor, cursor, 100));
        return "audience/suppressions";
    }

    @PostMapping("/audience/suppressions")
    @AllowedWhileSuspended("stops mail to an address")
    String processSuppress(Actor actor, @RequestParam String email, RedirectAttributes redirect) {
        try {
            suppressions.add(actor, email, "manual");
            redirect.addFlashAttribute("notice", "Suppressed " + email.strip() + ".");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/audience/suppressions";
    }
}
