package org.optline.site.accesslog;

import java.util.regex.Pattern;

/**
 * The path kept for a request: never the path as asked, which may carry a token (an unsubscribe
 * link's, a confirmation's), but the pattern of the route that answered it
 * ({@code /s/unsubscribe/{token}}). A request no route answered keeps only the segments that read
 * like words (lower-case letters and hyphens, short); any other segment becomes {@code {…}}.
 */
final class PathPatterns {

    static final int MAX_LENGTH = 300;

    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,23}");
    /** A variable with a regular expression ({@code {id:[0-9]+}}) is kept by its name alone. */
    private static final Pattern VARIABLE_REGEX = Pattern.compile("\\{([A-Za-z0-9_]+):[^}]*}");

    private PathPatterns() {}

    /**
     * @param routePattern the pattern of the handler that answered (Spring MVC's best matching
     *                     pattern), or null when none did
     * @param path         the request's path, without context path and query string
     */
    static String of(String routePattern, String path) {
        String kept;
        if (routePattern != null && !routePattern.isEmpty() && !routePattern.contains("*")) {
            kept = VARIABLE_REGEX.matcher(routePattern).replaceAll("{$1}");
        } else {
            kept = words(path);
        }
        return kept.length() > MAX_LENGTH ? kept.substring(0, MAX_LENGTH) : kept;
    }

    private static String words(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        StringBuilder kept = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            kept.append('/').append(WORD.matcher(segment).matches() ? segment : "{…}");
            if (kept.length() > MAX_LENGTH) {
                break;
            }
        }
        if (path.endsWith("/") && kept.length() > 0) {
            kept.append('/');
        }
        return kept.length() == 0 ? "/" : kept.toString();
    }
}
