package org.optline.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes RFC 9457 problem JSON from servlet filters (security, body limits, text input), which
 * run before Spring MVC and its exception handlers. The texts are the callers' constants (a field
 * name is reduced to safe characters by its caller), so no JSON escaping is needed.
 */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        write(response, status, "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }

    /** A 400 for one field, shaped like the API's validation problems ({@code errors: [{field, message}]}). */
    public static void writeFieldError(HttpServletResponse response, String field, String message) throws IOException {
        write(response, 400, "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"" + field
                + " " + message + "\",\"errors\":[{\"field\":\"" + field + "\",\"message\":\"" + message + "\"}]}");
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json);
    }
}
