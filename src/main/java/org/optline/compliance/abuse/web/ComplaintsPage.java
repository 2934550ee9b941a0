package org.optline.compliance.abuse.web;

import org.optline.compliance.ClientComplaints;
import org.optline.platform.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The client's "Complaints" page: complaints about its own mail, where their cases stand, and any warning. */
@Controller
class ComplaintsPage {

    private final ClientComplaints complaints;

    ComplaintsPage(ClientComplaints complaints) {
        this.complaints = complaints;
    }

    @GetMapping("/complaints")
    String list(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", complaints.page(actor, cursor, 50));
        return "compliance/complaints";
    }
}
