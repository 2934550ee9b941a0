package org.optline.tracking.web;

import jakarta.servlet.http.HttpServletRequest;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import org.optline.tracking.Hits;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The public tracking links written into mail: {@code /t/o/{token}} answers a 1×1 transparent GIF
 * that no cache may keep (so each open reaches us), {@code /t/c/{token}} redirects (302) to the
 * link's stored target. Both answer only once the hit is stored; a bad token is a plain 400 with
 * no redirect, a hit that could not be stored a 503 with Retry-After.
 */
@Controller
class TrackingEndpoints {

    /** The smallest transparent GIF: 43 bytes. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private static final CacheControl NEVER = CacheControl.noStore().mustRevalidate().cachePrivate();

    private final Hits hits;

    TrackingEndpoints(Hits hits) {
        this.hits = hits;
    }

    @GetMapping("/t/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request) {
        Hits.Answer answer = hits.open(token, request.getMethod(), request.getHeader(HttpHeaders.USER_AGENT));
        return switch (answer.outcome()) {
            case STORED -> ResponseEntity.ok().cacheControl(NEVER).header(HttpHeaders.PRAGMA, "no-cache")
                    .header(HttpHeaders.EXPIRES, "0").contentType(MediaType.IMAGE_GIF).body(PIXEL);
            case BAD_TOKEN -> refused();
            case BUSY -> busy();
        };
    }

    @RequestMapping(path = "/t/c/{token}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<byte[]> click(@PathVariable String token, HttpServletRequest request) {
        Hits.Answer answer = hits.click(token, request.getMethod(), request.getHeader(HttpHeaders.USER_AGENT));
        return switch (answer.outcome()) {
            case STORED -> ResponseEntity.status(HttpStatus.FOUND).cacheControl(NEVER)
                    .header(HttpHeaders.LOCATION, answer.target()).build();
            case BAD_TOKEN -> refused();
            case BUSY -> busy();
        };
    }

    private static ResponseEntity<byte[]> refused() {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).cacheControl(NEVER)
                .body("This tracking link is not valid.\n".getBytes(UTF_8));
    }

    private static ResponseEntity<byte[]> busy() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.TEXT_PLAIN).cacheControl(NEVER)
                .body("Busy: please try again in a moment.\n".getBytes(UTF_8));
    }
}
