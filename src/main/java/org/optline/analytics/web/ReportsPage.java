package org.optline.analytics.web;

import org.optline.analytics.CampaignSummaries;
import org.optline.platform.Actor;
import org.optline.platform.NavigationItem;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The reports list: every campaign that has gone out, with its figures and a link to its report. */
@Controller
class ReportsPage {

    private final CampaignSummaries summaries;

    ReportsPage(CampaignSummaries summaries) {
        this.summaries = summaries;
    }

    @GetMapping("/reports")
    String reports(Actor actor, Model model) {
        model.addAttribute("campaigns", summaries.reported(actor));
        return "analytics/reports";
    }

    /** The Reports entry in the client navigation. */
    @Configuration
    static class Navigation {
        @Bean
        NavigationItem reportsNav() {
            return new NavigationItem(NavigationItem.Area.CLIENT, NavigationItem.Group.REPORTS, "Campaign reports", "/reports", 100,
                    Role.IN_CLIENT);
        }
    }
}
