package org.optline.platform.clients;

import java.util.Map;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.Client;
import org.optline.platform.ClientDetails;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.NewClient;
import org.optline.platform.PageErrors;
import org.optline.platform.TimeZones;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's clients pages: list, create (showing the new admin's secrets once), view, change the
 * postal address and time zone, suspend, reinstate and terminate. A terminated client's page links to
 * the termination's progress, which the compliance module serves at {@code /operator/clients/{id}/termination}.
 */
@Controller
@RequestMapping("/operator/clients")
class OperatorClientsPages {

    /** The form asks for the new client's first admin: its login fields are named for that admin. */
    private static final Map<String, String> LABELS = Map.of("adminEmail", "Admin email", "email", "Admin email",
            "password", "Admin password");

    private final Clients clients;

    OperatorClientsPages(Clients clients) {
        this.clients = clients;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", clients.page(actor, cursor, 50));
        return "platform/operator-clients";
    }

    @GetMapping("/new")
    String initCreate(Model model) {
        model.addAttribute("form", new NewClient("", "", "", "", TimeZones.DEFAULT));
        model.addAttribute("zones", TimeZones.picker(TimeZones.DEFAULT));
        return "platform/operator-client-new";
    }

    @PostMapping
    String processCreate(Actor actor, NewClient form, Model model) {
        try {
            model.addAttribute("created", clients.create(actor, form));
            // Rendered directly rather than redirected: the secrets must not survive this response.
            return "platform/operator-client-created";
        } catch (ValidationException | ConflictException e) {
            model.addAttribute("form", new NewClient(form.name(), form.postalAddress(), form.adminEmail(), "", form.timeZone()));
            model.addAttribute("zones", TimeZones.picker(form.timeZone()));
            model.addAttribute("error", PageErrors.sentence(e, LABELS));
            return "platform/operator-client-new";
        }
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable UUID id, Model model) {
        Client client = clients.get(actor, id);
        model.addAttribute("client", client);
        model.addAttribute("details", new ClientDetails(client.postalAddress(), client.timeZone()));
        model.addAttribute("zones", TimeZones.picker(client.timeZone()));
        return "platform/operator-client";
    }

    @PostMapping("/{id}/details")
    String processDetails(Actor actor, @PathVariable UUID id, ClientDetails form, Model model, RedirectAttributes redirect) {
        try {
            clients.changeDetails(actor, id, form);
            redirect.addFlashAttribute("notice", "The postal address and time zone are saved; messages sent from now on carry them.");
            return "redirect:/operator/clients/" + id;
        } catch (ValidationException e) {
            // The page again, the stored client as it is and the form as it was sent, so nothing typed is lost.
            model.addAttribute("client", clients.get(actor, id));
            model.addAttribute("details", form);
            model.addAttribute("zones", TimeZones.picker(form.timeZone()));
            model.addAttribute("detailsError", PageErrors.sentence(e));
            return "platform/operator-client";
        }
    }

    @PostMapping("/{id}/status")
    String processStatus(Actor actor, @PathVariable UUID id, @RequestParam String status,
                         @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        ClientStatus next = "active".equals(status) ? ClientStatus.ACTIVE : ClientStatus.SUSPENDED;
        try {
            clients.changeStatus(actor, id, next, reason);
            redirect.addFlashAttribute("notice", "The client is now " + next.wireName() + ".");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/operator/clients/" + id;
    }

    /**
     * Terminates the client, for good: it needs a reason and the ticked confirmation (the page's
     * form asks for both; a request without them changes nothing and says why).
     */
    @PostMapping("/{id}/terminate")
    String processTerminate(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason,
                            @RequestParam(required = false) String confirm, RedirectAttributes redirect) {
        actor.requireOperator();
        if (!"terminate".equals(confirm)) {
            clients.get(actor, id);
            redirect.addFlashAttribute("error", "Nothing was changed: tick the box that confirms the termination.");
            return "redirect:/operator/clients/" + id;
        }
        try {
            clients.terminate(actor, id, reason);
            redirect.addFlashAttribute("notice", "The client is terminated. Its data is being exported for its admin;"
                    + " the purge follows when the export's time is up.");
            return "redirect:/operator/clients/" + id + "/termination";
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e) + " Nothing was changed.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/operator/clients/" + id;
    }
}
