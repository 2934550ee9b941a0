package org.optline.site.accesslog;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.optline.platform.Times;
import org.springframework.http.HttpHeaders;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Logs each request to the site's pages and the public subscriber pages once it is answered: the
 * route's pattern (never the path as asked, which may hold a token), status, bytes, the
 * referrer's host, the browser family, and the client's network. The address is cut down to its
 * network here, before the entry exists, so the full address reaches neither the database nor
 * the log. The address is the container's remote address: forwarded headers count only where the
 * installation turned them on ({@code server.forward-headers-strategy}), as for everything else.
 */
final class AccessLogFilter extends OncePerRequestFilter {

    /** The site's pages and the public subscriber pages; tracking hits (/t/**) have their own records. */
    static final List<String> PATHS = List.of("/", "/privacy", "/privacy/**", "/contact", "/contact/**", "/abuse", "/abuse/**",
            "/s/**");

    /** Methods kept by name; any other is kept as OTHER (a client may send any token there). */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
    private static final AntPathMatcher MATCHER = new AntPathMatcher();
    private static final int MAX_HOST = 255;

    private final AccessLogWriter writer;
    private final BrowserFamilies browsers;
    private final Clock clock;

    AccessLogFilter(AccessLogWriter writer, BrowserFamilies browsers, Clock clock) {
        this.writer = writer;
        this.browsers = browsers;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return PATHS.stream().noneMatch(p -> MATCHER.match(p, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        OffsetDateTime at = Times.now(clock);
        // First of all: from here on only the network exists.
        String network = Networks.of(request.getRemoteAddr());
        CountingResponse counting = new CountingResponse(response);
        boolean recorded = false;
        try {
            chain.doFilter(request, counting);
            if (request.isAsyncStarted()) {
                // A streamed answer ends later, on another thread: log it then, with all it wrote.
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(request, counting, at, network, counting.getStatus());
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
                recorded = true;
            }
        } catch (IOException | ServletException | RuntimeException e) {
            // The container answers 500 for what escapes; it is logged as that.
            record(request, counting, at, network, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            recorded = true;
            throw e;
        } finally {
            if (!recorded) {
                record(request, counting, at, network, counting.getStatus());
            }
        }
    }

    private void record(HttpServletRequest request, CountingResponse response, OffsetDateTime at, String network, int status) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        writer.submit(new AccessEntry(at, METHODS.contains(method) ? method : "OTHER",
                PathPatterns.of(pattern instanceof String s ? s : null, path(request)), status, response.bytes(),
                referrerHost(request.getHeader(HttpHeaders.REFERER)), browsers.of(request.getHeader(HttpHeaders.USER_AGENT)),
                network));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The host of the Referer header, lower case; its path and query (which may hold anything) are never kept. */
    static String referrerHost(String referer) {
        if (referer == null || referer.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(referer.strip()).getHost();
            if (host == null || host.isEmpty()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            String network = Networks.of(host);
            if (network != null || host.startsWith("[")) {
                // A page on a bare address: keep its network, never the address.
                return network;
            }
            return host.length() > MAX_HOST ? host.substring(0, MAX_HOST) : host;
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
