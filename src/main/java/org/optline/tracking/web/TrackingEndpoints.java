package org.optline.tracking.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.optline.tracking.Hits;

/**
 * The public tracking links written into mail: {@code /t/o/{token}} answers a 1×1 transparent GIF
 * that no cache may keep (so each open reaches us), {@code /t/c/{token}} redirects (302) to the
 * link's stored target. Both answer only once the hit is stored; a bad token is a plain 400 with
 * no redirect, a hit that could not be stored a 503 with Retry-After.
 *
 * <p>A servlet filter that answers by itself, ahead of Spring Security and the MVC dispatcher, on
 * purpose: these two addresses take a hit for every open and click of every campaign, need no
 * session, login, CSRF token or content negotiation, and the dispatcher's pattern matching over
 * every route of the application cost more than the hit itself (bench/track.sh, profiled). The
 * security headers the filter chain would add are written here instead.
 */
class TrackingEndpoints extends HttpFilter {

    /** The smallest transparent GIF: 43 bytes. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    static final String OPEN = "/t/o/";
    static final String CLICK = "/t/c/";

    private static final byte[] REFUSED = "This tracking link is not valid.\n".getBytes(UTF_8);
    private static final byte[] BUSY = "Busy: please try again in a moment.\n".getBytes(UTF_8);
    private static final byte[] NOT_FOUND = "Not found.\n".getBytes(UTF_8);

    private final transient Hits hits;
    /** Hits by kind and outcome, in place of the per-request timer these paths go without. */
    private final transient Map<String, Counter> counted = new ConcurrentHashMap<>();
    private final transient MeterRegistry meters;

    TrackingEndpoints(Hits hits, MeterRegistry meters) {
        this.hits = hits;
        this.meters = meters;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean open = path.startsWith(OPEN);
        if (!open && !path.startsWith(CLICK)) {
            chain.doFilter(request, response);
            return;
        }
        secure(response);
        String token = path.substring(OPEN.length());
        String method = request.getMethod();
        if (token.isEmpty() || token.indexOf('/') >= 0) {
            answer(response, HttpServletResponse.SC_NOT_FOUND, NOT_FOUND, method);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, REFUSED, method);
            return;
        }
        String userAgent = request.getHeader("User-Agent");
        Hits.Answer answer = open ? hits.open(token, method, userAgent) : hits.click(token, method, userAgent);
        count(open, answer.outcome());
        switch (answer.outcome()) {
            case STORED -> {
                if (open) {
                    response.setStatus(HttpServletResponse.SC_OK);
                    response.setContentType("image/gif");
                    response.setContentLength(PIXEL.length);
                    if (!method.equals("HEAD")) {
                        response.getOutputStream().write(PIXEL);
                    }
                } else {
                    response.setStatus(HttpServletResponse.SC_FOUND);
                    response.setHeader("Location", answer.target());
                    response.setContentLength(0);
                }
            }
            case BAD_TOKEN -> answer(response, HttpServletResponse.SC_BAD_REQUEST, REFUSED, method);
            case BUSY -> {
                response.setHeader("Retry-After", "1");
                answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, BUSY, method);
            }
        }
    }

    private void count(boolean open, Hits.Outcome outcome) {
        String kind = open ? "open" : "click";
        String result = outcome.name().toLowerCase(Locale.ROOT);
        counted.computeIfAbsent(kind + result, k -> Counter.builder("optline.tracking.hits")
                .description("Tracking hits taken, by kind and outcome").tag("kind", kind).tag("outcome", result)
                .register(meters)).increment();
    }

    /** What the security filter chain gives every other answer, and no cache may keep a hit. */
    private static void secure(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store, must-revalidate, private");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    private static void answer(HttpServletResponse response, int status, byte[] body, String method) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        if (!method.equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }
}
