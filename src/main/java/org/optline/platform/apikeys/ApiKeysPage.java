package org.optline.platform.apikeys;

import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.ApiKeys;
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

/** API keys page for client admins and operators: list, create (secret shown once), revoke. */
@Controller
class ApiKeysPage {

    private final ApiKeys apiKeys;

    ApiKeysPage(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping("/settings/api-keys")
    String list(Actor actor, Model model) {
        actor.requireAdmin();
        model.addAttribute("keys", apiKeys.list(actor));
        model.addAttribute("roles", actor.grantableRoles());
        return "platform/api-keys";
    }

    @PostMapping("/settings/api-keys")
    String processCreate(Actor actor, @RequestParam String name, @RequestParam String role, Model model) {
        try {
            model.addAttribute("created", apiKeys.create(actor, name, Role.fromWire(role)));
        } catch (ValidationException e) {
            model.addAttribute("error", PageErrors.sentence(e));
        }
        // Rendered, not redirected: the secret is in this response only.
        return list(actor, model);
    }

    @PostMapping("/settings/api-keys/{id}/revoke")
    @AllowedWhileSuspended("revokes a key")
    String processRevoke(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        var key = apiKeys.revoke(actor, id);
        redirect.addFlashAttribute("notice", "Revoked key " + key.prefix() + "….");
        return "redirect:/settings/api-keys";
    }
}
