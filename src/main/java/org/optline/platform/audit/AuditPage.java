package org.optline.platform.audit;

import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log for operators. */
@Controller
class AuditPage {

    private final AuditLog audit;

    AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/operator/audit")
    String show(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", audit.page(actor, cursor, 100));
        return "platform/audit";
    }
}
