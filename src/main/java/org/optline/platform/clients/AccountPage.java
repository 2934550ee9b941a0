package org.optline.platform.clients;

import org.optline.platform.Actor;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.PageErrors;
import org.optline.platform.TimeZones;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The client's account settings for its admins: the name and postal address its mail carries
 * (shown; the operator changes them) and the time zone campaign schedules are entered and shown in
 * (chosen here).
 */
@Controller
class AccountPage {

    private final Clients clients;

    AccountPage(Clients clients) {
        this.clients = clients;
    }

    @GetMapping("/settings/account")
    String show(Actor actor, Model model) {
        actor.requireAdmin();
        Client client = clients.own(actor);
        model.addAttribute("client", client);
        model.addAttribute("zones", TimeZones.picker(client.timeZone()));
        return "platform/account";
    }

    @PostMapping("/settings/account/time-zone")
    String processTimeZone(Actor actor, @RequestParam(required = false) String timeZone, Model model,
                           RedirectAttributes redirect) {
        try {
            Client changed = clients.changeOwnTimeZone(actor, timeZone);
            redirect.addFlashAttribute("notice", "Campaign schedules are now entered and shown in " + changed.timeZone() + ".");
            return "redirect:/settings/account";
        } catch (ValidationException e) {
            // The page again with the zone as sent beside the error; the stored zone is unchanged.
            model.addAttribute("client", clients.own(actor));
            model.addAttribute("zones", TimeZones.picker(timeZone));
            model.addAttribute("error", PageErrors.sentence(e));
            return "platform/account";
        }
    }
}
