package org.optline.audience.web;

import org.optline.audience.CustomFields;
import org.optline.audience.Suppressions;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The custom fields page and the suppression list page. */
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
                              @RequestParam String type, RedirectAttributes redirect) {
        try {
            var field = fields.create(actor, key, label, type);
            redirect.addFlashAttribute("notice", "Added the field " + field.label() + ".");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/audience/fields";
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
