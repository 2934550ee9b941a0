package org.optline.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.optline.platform.MultipartPaths;
import org.optline.platform.PublicPaths;
import org.optline.platform.security.ProblemResponses;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body before anything reads it (it runs ahead of Spring Security, whose CSRF
 * check reads form parameters and would make the container parse a multipart body):
 * <ul>
 * <li>multipart only on the paths a module declared ({@link MultipartPaths}), with a
 * {@code Content-Length} no larger than that path's limit; elsewhere 415;</li>
 * <li>other bodies up to {@code optline.http.max-public-body-bytes} on public pages and the login
 * form, and up to {@code optline.http.max-body-bytes} elsewhere; a declared length above that is
 * refused at once (413), a chunked body when it grows past it; public pages and the login form
 * take no chunked body at all (411), since the container parses their form parameters from a
 * stream this filter cannot count.</li>
 * </ul>
 * Under {@code /api/} the refusal is problem JSON; elsewhere a short page says what was refused.
 */
final class RequestLimits extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final List<MultipartPaths> multipart;
    private final List<String> publicPatterns;
    private final long maxBody;
    private final long maxPublicBody;

    RequestLimits(List<MultipartPaths> multipart, List<PublicPaths> publicPaths, long maxBody, long maxPublicBody) {
        this.multipart = List.copyOf(multipart);
        this.publicPatterns = publicPaths.stream().flatMap(p -> p.patterns().stream()).toList();
        this.maxBody = maxBody;
        this.maxPublicBody = maxPublicBody;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            Long limit = multipartLimit(path);
            if (limit == null) {
                refuse(request, response, 415, "Unsupported media type", "This address takes no multipart bodies.");
            } else if (length < 0) {
                refuse(request, response, 411, "Length required", "Send multipart bodies with a Content-Length.");
            } else if (length > limit) {
                refuse(request, response, 413, "Content too large", "The body is larger than " + describe(limit) + ".");
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        boolean isPublic = isPublic(path);
        long limit = isPublic ? maxPublicBody : maxBody;
        if (isPublic && length < 0) {
            // The container parses form parameters from its own stream, past this filter's count:
            // only a declared length bounds them before they are read. Browsers always send one.
            refuse(request, response, 411, "Length required", "Send the body with a Content-Length.");
            return;
        }
        if (length > limit) {
            refuse(request, response, 413, "Content too large", "The body is larger than " + describe(limit) + ".");
            return;
        }
        chain.doFilter(new LimitedBody(request, limit), response);
    }

    private Long multipartLimit(String path) {
        for (MultipartPaths paths : multipart) {
            for (String pattern : paths.patterns()) {
                if (PATHS.match(pattern, path)) {
                    return paths.maxBytes();
                }
            }
        }
        return null;
    }

    private boolean isPublic(String path) {
        return path.equals("/login") || publicPatterns.stream().anyMatch(p -> PATHS.match(p, path));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
                               String detail) throws IOException {
        // The body is left unread; the container closes the connection rather than read a large one.
        response.setHeader("Connection", "close");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemResponses.write(response, status, title, detail);
        } else {
            // Not the container's error page: rendering it reads request parameters, which for a
            // multipart body means reading the very body being refused.
            response.setStatus(status);
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                    + " · Optline</title></head><body><main><h1>" + title + "</h1><p>" + detail
                    + "</p><p><a href=\"/\">Back to the start</a></p></main></body></html>");
        }
    }

    static String describe(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /** Thrown when a body read through {@link LimitedBody} grows past its limit; ApiProblems answers 413. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("The body is larger than " + describe(limit) + ".");
        }
    }

    /** A request whose body stream fails once more than {@code limit} bytes were read from it. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
