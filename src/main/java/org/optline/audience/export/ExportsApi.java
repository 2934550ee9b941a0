package org.optline.audience.export;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.Exports;
import org.optline.platform.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Streamed exports of active subscribers, and the per-subscriber export. */
@RestController
class ExportsApi {

    private final Exports exports;

    ExportsApi(Exports exports) {
        this.exports = exports;
    }

    @GetMapping("/api/v1/exports/subscribers.csv")
    ResponseEntity<StreamingResponseBody> csv(Actor actor, @RequestParam(required = false) UUID listId) {
        exports.checkList(actor, listId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out -> exports.csv(actor, listId, out));
    }

    @GetMapping("/api/v1/exports/subscribers.json")
    ResponseEntity<StreamingResponseBody> json(Actor actor, @RequestParam(required = false) UUID listId) {
        exports.checkList(actor, listId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subscribers.json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(out -> exports.json(actor, listId, out));
    }

    @GetMapping("/api/v1/subscribers/{id}/export")
    Map<String, Object> person(Actor actor, @PathVariable UUID id) {
        return exports.person(actor, id);
    }
}
