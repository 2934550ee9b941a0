package org.optline.inbound.web;

import java.net.URI;
import java.util.List;
import org.optline.inbound.InboundMail;
import org.optline.inbound.InboundProcessingException;
import org.optline.inbound.InboundResult;
import org.optline.platform.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/inbound/raw}: an operator feeds one raw message (RFC 5322 bytes as
 * {@code message/rfc822}, {@code application/octet-stream} or {@code text/plain}) to inbound
 * processing and reads what it became. Anyone else gets 404, as if the route did not exist.
 * Bodies are bounded by the smaller of {@code optline.http.max-body-bytes} and
 * {@code optline.inbound.max-message-size} (413).
 */
@RestController
class InboundRawApi {

    private final InboundMail inbound;

    InboundRawApi(InboundMail inbound) {
        this.inbound = inbound;
    }

    /** The media types a raw message may come as; without a Content-Type the body is taken as octet-stream. */
    private static final List<MediaType> TYPES = List.of(MediaType.parseMediaType("message/rfc822"),
            MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN);

    // Not "consumes": a type mismatch would then be refused before the handler, past the API's
    // problem JSON and ahead of the operator check and the standing guard.
    @PostMapping("/api/v1/inbound/raw")
    ResponseEntity<?> raw(Actor actor, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                          @RequestBody(required = false) byte[] body) {
        actor.requireOperator();
        if (!accepted(contentType)) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Send the raw message as message/rfc822, application/octet-stream or text/plain.");
        }
        if (body != null && body.length > inbound.maxMessageBytes()) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large",
                    "The message is larger than " + inbound.maxMessageBytes() + " bytes.");
        }
        InboundResult result = inbound.feedRaw(actor, body);
        return ResponseEntity.ok(result);
    }

    private static boolean accepted(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return TYPES.stream().anyMatch(t -> t.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** Stored, not processed: the workers try again; the caller may ask again later. */
    @ExceptionHandler(InboundProcessingException.class)
    ResponseEntity<ProblemDetail> notProcessed(InboundProcessingException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not processed", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
