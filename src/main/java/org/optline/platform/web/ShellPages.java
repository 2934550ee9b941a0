package org.optline.platform.web;

import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the two home pages: the client dashboard and the operator area. */
@Controller
class ShellPages {

    private final Clients clients;

    ShellPages(Clients clients) {
        this.clients = clients;
    }

    @GetMapping("/login")
    String login() {
        return "platform/login";
    }

    @GetMapping("/")
    String dashboard(Actor actor, Model model) {
        if (actor.isOperator()) {
            return "redirect:/operator";
        }
        model.addAttribute("client", clients.own(actor));
        return "platform/dashboard";
    }

    @GetMapping("/operator")
    String operatorHome() {
        return "redirect:/operator/clients";
    }
}
