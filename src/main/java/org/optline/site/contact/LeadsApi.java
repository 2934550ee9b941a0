package org.optline.site.contact;

import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/leads}: the contact form's leads, for operator keys only; a client's key is
 * answered as for a route that does not exist (404 problem), like every operator route.
 */
@RestController
@RequestMapping("/api/v1/leads")
class LeadsApi {

    record AnsweredRequest(String note) {}

    private final Leads leads;

    LeadsApi(Leads leads) {
        this.leads = leads;
    }

    @GetMapping
    Page<Lead> list(Actor actor, @RequestParam(required = false) String status,
                    @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return leads.page(actor, status, cursor, limit);
    }

    @GetMapping("/{id}")
    Lead get(Actor actor, @PathVariable UUID id) {
        return leads.get(actor, id);
    }

    @PostMapping("/{id}/answered")
    Lead answered(Actor actor, @PathVariable UUID id, @RequestBody(required = false) AnsweredRequest in) {
        return leads.markAnswered(actor, id, in == null ? null : in.note());
    }
}
