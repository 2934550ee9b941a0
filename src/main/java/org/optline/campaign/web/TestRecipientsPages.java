package org.optline.campaign.web;

import java.util.UUID;
import org.optline.campaign.TestRecipients;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.ForbiddenException;
import org.optline.platform.PageErrors;
import org.optline.platform.Role;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The test recipients page: everyone sees who test messages may go to; client admins add and remove addresses. */
@Controller
class TestRecipientsPages {

    private final TestRecipients recipients;

    TestRecipientsPages(TestRecipients recipients) {
        this.recipients = recipients;
    }

    @GetMapping("/campaigns/test-recipients")
    String list(Actor actor, Model model) {
        model.addAttribute("recipients", recipients.list(actor));
        model.addAttribute("admin", actor.role() == Role.CLIENT_ADMIN);
        return "campaign/test-recipients";
    }

    @PostMapping("/campaigns/test-recipients")
    String processAllow(Actor actor, @RequestParam String email, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("notice", "Test messages may now go to " + recipients.allow(actor, email).email() + ".");
        } catch (ValidationException | ConflictException | ForbiddenException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/campaigns/test-recipients";
    }

    @PostMapping("/campaigns/test-recipients/{id}/delete")
    String processRemove(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            recipients.remove(actor, id);
            redirect.addFlashAttribute("notice", "Removed.");
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/campaigns/test-recipients";
    }
}
