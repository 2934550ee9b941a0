package org.optline.site.contact;

import java.util.Map;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator's leads from the contact form: the list by status, one lead, and marking it answered. */
@Controller
@RequestMapping("/operator/leads")
class LeadsPages {

    private final Leads leads;

    LeadsPages(Leads leads) {
        this.leads = leads;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
                Model model) {
        actor.requireOperator();
        String chosen = status == null ? Lead.NEW : switch (status.strip()) {
            case Lead.NEW, Lead.ANSWERED -> status.strip();
            default -> "all";
        };
        model.addAttribute("status", chosen);
        try {
            model.addAttribute("page", leads.page(actor, chosen, cursor, 50));
        } catch (ValidationException e) {
            model.addAttribute("error", PageErrors.sentence(e));
            model.addAttribute("page", leads.page(actor, chosen, null, 50));
        }
        return "site/operator/leads";
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("lead", leads.get(actor, id));
        if (!model.containsAttribute("note")) {
            model.addAttribute("note", "");
        }
        return "site/operator/lead";
    }

    @PostMapping("/{id}/answered")
    String processAnswered(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String note,
                           RedirectAttributes redirect) {
        try {
            Lead lead = leads.markAnswered(actor, id, note);
            redirect.addFlashAttribute("notice", "Lead " + lead.reference() + " is marked answered.");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e, Map.of("note", "Note")));
            redirect.addFlashAttribute("note", note == null ? "" : note);
        }
        return "redirect:/operator/leads/" + id;
    }
}
