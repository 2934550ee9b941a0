package org.optline.analytics.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.optline.analytics.RecipientEvents;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A campaign's opens and clicks per recipient: pages of JSON, or every event as a streamed CSV (docs/api.md). */
@RestController
class EventsApi {

    private final RecipientEvents events;

    EventsApi(RecipientEvents events) {
        this.events = events;
    }

    @GetMapping("/api/v1/campaigns/{id}/events")
    Page<RecipientEvents.Event> events(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String type,
                                       @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return events.page(actor, id, type, cursor, limit);
    }

    @GetMapping("/api/v1/campaigns/{id}/events/export.csv")
    ResponseEntity<StreamingResponseBody> export(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String type) {
        return csv(events, actor, id, type);
    }

    /** The download, for the API and the report page: bad input and another client's campaign are refused before it starts. */
    static ResponseEntity<StreamingResponseBody> csv(RecipientEvents events, Actor actor, UUID id, String type) {
        RecipientEvents.type(type);
        events.check(actor, id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campaign-" + id + "-events.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out -> events.writeCsv(actor, id, type, out));
    }
}
