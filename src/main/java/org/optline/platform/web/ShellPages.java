package org.optline.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the operator's home; the client dashboard at {@code /} is the analytics module's. */
@Controller
class ShellPages {

    @GetMapping("/login")
    String login() {
        return "platform/login";
    }

    @GetMapping("/operator")
    String operatorHome() {
        return "redirect:/operator/clients";
    }
}
