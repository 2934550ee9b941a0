package org.optline.platform.users;

import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.ForbiddenException;
import org.optline.platform.NewUser;
import org.optline.platform.PageErrors;
import org.optline.platform.Role;
import org.optline.platform.User;
import org.optline.platform.Users;
import org.optline.platform.ValidationException;
import org.optline.platform.security.PasswordStamp;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users page for client admins (and operators, for operators): add, change a role, disable; and
 * everyone's own password page.
 */
@Controller
class UsersPages {

    private final Users users;
    private final Clients clients;

    UsersPages(Users users, Clients clients) {
        this.clients = clients;
        this.users = users;
    }

    @GetMapping("/settings/users")
    String list(Actor actor, Model model) {
        actor.requireAdmin();
        model.addAttribute("users", users.list(actor));
        model.addAttribute("roles", actor.grantableRoles());
        return "platform/users";
    }

    @PostMapping("/settings/users")
    String processCreate(Actor actor, @RequestParam String email, @RequestParam String password,
                         @RequestParam(required = false) String role, RedirectAttributes redirect) {
        try {
            if (role == null || role.isBlank()) {
                throw ValidationException.of("role", "is required: choose one");
            }
            users.create(actor, new NewUser(email, password, Role.fromWire(role)));
            redirect.addFlashAttribute("notice", "Created " + email.trim() + ".");
        } catch (ValidationException | ConflictException e) {
            // The form comes back as it was sent, role included: a resubmit never turns into another role.
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
            redirect.addFlashAttribute("email", email);
            redirect.addFlashAttribute("role", role);
        }
        return "redirect:/settings/users";
    }

    @PostMapping("/settings/users/{id}/enabled")
    @AllowedWhileSuspended("disables a login; enabling one asks the standing itself")
    String processEnabled(Actor actor, @PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        if (enabled && actor.clientId() != null) {
            clients.requireMayWrite(actor.clientId());
        }
        try {
            users.setEnabled(actor, id, enabled);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/settings/users";
    }

    @PostMapping("/settings/users/{id}/role")
    String processRole(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String role,
                       RedirectAttributes redirect) {
        try {
            if (role == null || role.isBlank()) {
                throw ValidationException.of("role", "is required: choose one");
            }
            User changed = users.changeRole(actor, id, Role.fromWire(role));
            redirect.addFlashAttribute("notice", changed.email() + " is now " + label(changed.role()) + ".");
        } catch (ValidationException | ConflictException | ForbiddenException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/settings/users";
    }

    /** A role as the page writes it: "client admin". */
    private static String label(Role role) {
        return role.wireName().replace('_', ' ');
    }

    @GetMapping("/account/password")
    String initPassword() {
        return "platform/password";
    }

    @PostMapping("/account/password")
    @AllowedWhileSuspended("changes one's own password")
    String processPassword(Actor actor, @RequestParam String currentPassword, @RequestParam String newPassword,
                           Model model, HttpSession session) {
        try {
            String hash = users.changeOwnPassword(actor, currentPassword, newPassword);
            // This session stays; the user's other sessions end at their next request.
            PasswordStamp.keep(session, hash);
            model.addAttribute("notice", "Your password was changed.");
        } catch (ValidationException e) {
            model.addAttribute("error", PageErrors.sentence(e));
        }
        return "platform/password";
    }
}
