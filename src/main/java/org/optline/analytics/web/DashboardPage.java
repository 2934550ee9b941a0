package org.optline.analytics.web;

import org.optline.analytics.Dashboard;
import org.optline.analytics.Dashboards;
import org.optline.compliance.ClientStandings;
import org.optline.platform.Actor;
import org.optline.platform.Clients;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** A client's start page: its dashboard (operators go to their area), and its figures as JSON for the charts. */
@Controller
class DashboardPage {

    private final Clients clients;
    private final Dashboards dashboards;
    private final ClientStandings standings;

    DashboardPage(Clients clients, Dashboards dashboards, ClientStandings standings) {
        this.clients = clients;
        this.dashboards = dashboards;
        this.standings = standings;
    }

    @GetMapping("/dashboard")
    String dashboard(Actor actor, Model model) {
        if (actor.isOperator()) {
            return "redirect:/operator";
        }
        model.addAttribute("client", clients.own(actor));
        model.addAttribute("dashboard", dashboards.of(actor));
        // Where the account stands with the platform, and why, on arrival: what pauses it is here first.
        model.addAttribute("standing", standings.own(actor));
        return "analytics/dashboard";
    }

    @GetMapping("/dashboard.json")
    @ResponseBody
    Dashboard dashboardJson(Actor actor) {
        return dashboards.of(actor);
    }
}
