package org.optline.compliance.abuse.web;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.compliance.ClientComplaints;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/complaints}: the complaints about the client's own mail, newest first (client keys). */
@RestController
@RequestMapping("/api/v1/complaints")
class ComplaintsApi {

    record ComplaintJson(String id, OffsetDateTime receivedAt, String campaignId, String campaignName, String email,
                         String feedbackType, String source, String caseState, String warning) {

        static ComplaintJson of(ClientComplaints.ClientComplaint c) {
            return new ComplaintJson(c.id().toString(), c.receivedAt(), AbuseEvidence.id(c.campaignId()), c.campaignName(),
                    c.email(), c.feedbackType(), c.source(), c.caseState().wireName(), c.warning());
        }
    }

    private final ClientComplaints complaints;

    ComplaintsApi(ClientComplaints complaints) {
        this.complaints = complaints;
    }

    @GetMapping
    Page<ComplaintJson> list(Actor actor, @RequestParam(required = false) String cursor,
                             @RequestParam(required = false) Integer limit) {
        var page = complaints.page(actor, cursor, limit);
        return new Page<>(page.items().stream().map(ComplaintJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    ComplaintJson get(Actor actor, @PathVariable UUID id) {
        return ComplaintJson.of(complaints.get(actor, id));
    }
}
