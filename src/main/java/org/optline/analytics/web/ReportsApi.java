package org.optline.analytics.web;

import java.util.UUID;
import org.optline.analytics.CampaignExports;
import org.optline.analytics.CampaignReport;
import org.optline.analytics.CampaignReports;
import org.optline.platform.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A campaign's report as JSON, and its per-recipient results as a streamed export (docs/api.md). */
@RestController
class ReportsApi {

    private final CampaignReports reports;
    private final CampaignExports exports;

    ReportsApi(CampaignReports reports, CampaignExports exports) {
        this.reports = reports;
        this.exports = exports;
    }

    @GetMapping("/api/v1/campaigns/{id}/report")
    CampaignReport report(Actor actor, @PathVariable UUID id) {
        return reports.report(actor, id);
    }

    @GetMapping("/api/v1/campaigns/{id}/export")
    ResponseEntity<StreamingResponseBody> export(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String format) {
        return ExportResponses.of(exports, actor, id, format);
    }
}
