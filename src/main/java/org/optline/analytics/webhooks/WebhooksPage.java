package org.optline.analytics.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.NavigationItem;
import org.optline.platform.Role;
import org.optline.platform.ValidationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The webhooks page in a client admin's settings: the endpoints, a form to add one (its secret
 * shown once, with a copy button), and per endpoint its delivery log, a test event and delete.
 */
@Controller
class WebhooksPage {

    private final Webhooks webhooks;

    WebhooksPage(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/settings/webhooks")
    String list(Actor actor, Model model) {
        actor.requireAdmin();
        model.addAttribute("endpoints", webhooks.list(actor));
        model.addAttribute("types", Arrays.stream(WebhookEvent.values()).map(WebhookEvent::wireName).toList());
        return "analytics/webhooks";
    }

    @PostMapping("/settings/webhooks")
    String processCreate(Actor actor, @RequestParam(required = false) String url,
                         @RequestParam(required = false) List<String> events, Model model) {
        try {
            model.addAttribute("created", webhooks.create(actor, new Webhooks.Input(url, events == null ? List.of() : events)));
        } catch (ValidationException e) {
            var first = e.errors().get(0);
            model.addAttribute("error", (first.field().equals("url") ? "The URL " : "The events ") + first.message() + ".");
            model.addAttribute("url", url);
        } catch (ConflictException e) {
            model.addAttribute("error", e.getMessage() + ".");
        }
        // Rendered, not redirected: the secret is in this response only.
        return list(actor, model);
    }

    @GetMapping("/settings/webhooks/{id}")
    String show(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String cursor, Model model) {
        actor.requireAdmin();
        model.addAttribute("endpoint", webhooks.get(actor, id));
        model.addAttribute("page", webhooks.deliveries(actor, id, cursor, 50));
        return "analytics/webhook";
    }

    @PostMapping("/settings/webhooks/{id}/test")
    String processTest(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        webhooks.sendTest(actor, id);
        redirect.addFlashAttribute("notice", "A test event is on its way; its attempt shows in the log below within seconds.");
        return "redirect:/settings/webhooks/" + id;
    }

    @PostMapping("/settings/webhooks/{id}/delete")
    String processDelete(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        WebhookEndpoint endpoint = webhooks.get(actor, id);
        webhooks.delete(actor, id);
        redirect.addFlashAttribute("notice", "Deleted the endpoint " + endpoint.url() + ".");
        return "redirect:/settings/webhooks";
    }

    /** The page's entry in the client's settings navigation. */
    @Configuration
    static class Navigation {
        @Bean
        NavigationItem webhooksNav() {
            return new NavigationItem(NavigationItem.Area.CLIENT, NavigationItem.Group.SETTINGS, "Webhooks", "/settings/webhooks", 920, Set.of(Role.CLIENT_ADMIN));
        }
    }
}
