package org.optline.compliance.termination;

import java.time.Clock;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.Times;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API of a termination (the termination itself is {@code POST /api/v1/clients/{id}/terminate}):
 * its progress, the export's download, and "purge now". Any other caller gets 404.
 */
@RestController
@RequestMapping("/api/v1/clients/{id}/termination")
class TerminationApi {

    private final Terminations terminations;
    private final Clock clock;

    TerminationApi(Terminations terminations, Clock clock) {
        this.terminations = terminations;
        this.clock = clock;
    }

    @GetMapping
    TerminationJson get(Actor actor, @PathVariable UUID id) {
        return TerminationJson.of(terminations.status(actor, id), Times.now(clock));
    }

    /** The export zip, streamed from its file. */
    @GetMapping("/export")
    ResponseEntity<Resource> export(Actor actor, @PathVariable UUID id) {
        return zip(terminations.exportFor(actor, id));
    }

    @PostMapping("/purge")
    TerminationJson purge(Actor actor, @PathVariable UUID id) {
        return TerminationJson.of(terminations.requestPurge(actor, id), Times.now(clock));
    }

    static ResponseEntity<Resource> zip(Terminations.Download download) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .contentLength(download.bytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(download.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new FileSystemResource(download.file()));
    }
}
