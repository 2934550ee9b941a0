package org.optline.analytics.web;

import java.util.UUID;
import org.optline.analytics.CampaignReport;
import org.optline.analytics.CampaignReports;
import org.optline.platform.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's report as JSON (docs/api.md). */
@RestController
class ReportsApi {

    private final CampaignReports reports;

    ReportsApi(CampaignReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/campaigns/{id}/report")
    CampaignReport report(Actor actor, @PathVariable UUID id) {
        return reports.report(actor, id);
    }
}
