package org.optline.analytics.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.optline.analytics.CampaignExports;
import org.optline.platform.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A streamed per-recipient export as a download, for the API and the report page alike. */
final class ExportResponses {

    private ExportResponses() {}

    static ResponseEntity<StreamingResponseBody> of(CampaignExports exports, Actor actor, UUID id, String rawFormat) {
        CampaignExports.Format format = CampaignExports.format(rawFormat);
        exports.check(actor, id); // before the response starts: a 404 as problem JSON, not a broken download
        boolean csv = format == CampaignExports.Format.CSV;
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campaign-" + id + (csv ? ".csv\"" : ".json\""))
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
                .body(out -> exports.write(actor, id, format, out));
    }
}
