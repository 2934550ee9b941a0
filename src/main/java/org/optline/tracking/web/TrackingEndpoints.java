package org.optline.tracking.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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
    /** Hits by outcome, opens and clicks apart, in place of the per-request timer these paths go without. */
    private final transient Map<Hits.Outcome, Counter> opens;
    private final transient Map<Hits.Outcome, Counter> clicks;

    TrackingEndpoints(Hits hits, MeterRegistry meters) {
        this.hits = hits;
        this.opens = counters("open", meters);
        this.clicks = counters("click", meters);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isHit(request)) {
            chain.doFilter(request, response);
            return;
        }
        String path = pathOf(request);
        boolean open = path.startsWith(OPEN);
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

    /** Whether {@code request} is for an open pixel or a tracked link (its path within the application). */
    static boolean isHit(HttpServletRequest request) {
        String path = pathOf(request);
        return path.startsWith(OPEN) || path.startsWith(CLICK);
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private void count(boolean open, Hits.Outcome outcome) {
        (open ? opens : clicks).get(outcome).increment();
    }

    private static Map<Hits.Outcome, Counter> counters(String kind, MeterRegistry meters) {
        Map<Hits.Outcome, Counter> byOutcome = new EnumMap<>(Hits.Outcome.class);
        for (Hits.Outcome outcome : Hits.Outcome.values()) {
            byOutcome.put(outcome, Counter.builder("optline.tracking.hits").description("Tracking hits taken, by kind and outcome")
                    .tag("kind", kind).tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(meters));
        }
        return byOutcome;
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
