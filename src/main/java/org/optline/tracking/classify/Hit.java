package org.optline.tracking.classify;

import java.time.Duration;
import java.time.Instant;
import org.optline.tracking.TrackedEvent;

/**
 * A request on a tracking link, as the machine rules see it.
 *
 * @param kind           open or click
 * @param method         the HTTP method ({@code GET}, {@code HEAD})
 * @param userAgent      the {@code User-Agent} header, {@code ""} when absent
 * @param at             when it arrived
 * @param sentAt         when the message was built, from the signed token
 * @param sinceOtherLink how long ago another link of the same message was clicked, or null
 */
public record Hit(TrackedEvent.Kind kind, String method, String userAgent, Instant at, Instant sentAt, Duration sinceOtherLink) {

    public Hit {
        userAgent = userAgent == null ? "" : userAgent;
    }

    boolean click() {
        return kind == TrackedEvent.Kind.CLICK;
    }

    /** Seconds between sending and this hit (negative with clock skew between nodes). */
    long secondsAfterSend() {
        return Duration.between(sentAt, at).toSeconds();
    }
}
