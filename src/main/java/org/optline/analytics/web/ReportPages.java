package org.optline.analytics.web;

import java.util.UUID;
import org.optline.analytics.CampaignExports;
import org.optline.analytics.CampaignReport;
import org.optline.analytics.CampaignReports;
import org.optline.analytics.RecipientEvents;
import org.optline.platform.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The report page of a campaign, and the same figures as JSON for its script (the API answers
 * keys only; the page's script runs with the session). The page shows every figure without
 * JavaScript; the script draws the charts and refreshes the figures while the campaign is sent.
 */
@Controller
class ReportPages {

    private final CampaignReports reports;
    private final CampaignExports exports;
    private final RecipientEvents events;

    ReportPages(CampaignReports reports, CampaignExports exports, RecipientEvents events) {
        this.reports = reports;
        this.exports = exports;
        this.events = events;
    }

    @GetMapping("/campaigns/{id}/report")
    String report(Actor actor, @PathVariable UUID id, Model model) {
        CampaignReport report = reports.report(actor, id);
        model.addAttribute("report", report);
        model.addAttribute("rates", ReportRates.of(report));
        return "analytics/report";
    }

    @GetMapping("/campaigns/{id}/report.json")
    @ResponseBody
    CampaignReport reportJson(Actor actor, @PathVariable UUID id) {
        return reports.report(actor, id);
    }

    @GetMapping("/campaigns/{id}/export")
    ResponseEntity<StreamingResponseBody> export(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String format) {
        return ExportResponses.of(exports, actor, id, format);
    }

    @GetMapping("/campaigns/{id}/events.csv")
    ResponseEntity<StreamingResponseBody> events(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String type) {
        return EventsApi.csv(events, actor, id, type);
    }
}
