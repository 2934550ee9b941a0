package org.optline.compliance.disclosure;

import org.optline.platform.Actor;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/legal-disclosures}: one address's record across clients, as a JSON download (operator keys only). */
@RestController
class LegalDisclosuresApi {

    private final LegalDisclosures disclosures;

    LegalDisclosuresApi(LegalDisclosures disclosures) {
        this.disclosures = disclosures;
    }

    @PostMapping("/api/v1/legal-disclosures")
    ResponseEntity<byte[]> produce(Actor actor, @RequestBody LegalDisclosures.Request request) {
        return download(disclosures.produce(actor, request));
    }

    /** The document as an attachment that no cache keeps. */
    static ResponseEntity<byte[]> download(LegalDisclosures.Produced produced) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(produced.fileName()).build().toString())
                .header("Optline-Disclosure-Id", produced.id().toString())
                .body(produced.document());
    }
}
