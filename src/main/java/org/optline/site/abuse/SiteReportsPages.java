package org.optline.site.abuse;

import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's list of abuse-form reports: by default those that named no sender here, which
 * only a person can follow up; a matched one links to the abuse case it opened or joined.
 */
@Controller
@RequestMapping("/operator/site-reports")
class SiteReportsPages {

    private final AbuseReports reports;

    SiteReportsPages(AbuseReports reports) {
        this.reports = reports;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String outcome, @RequestParam(required = false) String cursor,
                Model model) {
        actor.requireOperator();
        String chosen = outcome == null ? AbuseReport.UNMATCHED : switch (outcome.strip()) {
            case AbuseReport.MATCHED, AbuseReport.UNMATCHED -> outcome.strip();
            default -> "all";
        };
        model.addAttribute("outcome", chosen);
        try {
            model.addAttribute("page", reports.page(actor, chosen, cursor, 50));
        } catch (ValidationException e) {
            model.addAttribute("error", PageErrors.sentence(e));
            model.addAttribute("page", reports.page(actor, chosen, null, 50));
        }
        return "site/operator/site-reports";
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("report", reports.get(actor, id));
        return "site/operator/site-report";
    }
}
